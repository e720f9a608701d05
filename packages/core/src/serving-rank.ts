import * as E from 'fp-ts/lib/Either.js';
import { parseHealthCheckTarget } from './health-check-target.js';
import type { InstanceId } from './ids.js';
import { forwardsTo } from './listener-diff.js';
import type { LoadBalancer, Task } from './observation.js';
import type { TaskPorts } from './task-ports.js';

/**
 * How firmly the load balancer already holds a candidate, lower first (SPEC §4 rule 2):
 * - 0, the incumbent: its instance is registered, the managed listeners forward to its ports, the health
 *   check probes its port (or is one Statika leaves alone), and it can take traffic;
 * - 1, on a serving host: its instance is registered and it can take traffic;
 * - 2: any other candidate.
 * A Classic ELB keeps a newly registered instance OutOfService for HealthyThreshold x Interval, while a
 * move within a registered instance costs one listener replacement: ranks 0 and 1 keep the service where
 * it is served.
 */
export type ServingRank = 0 | 1 | 2;

/** What ranking needs to know of a candidate. */
export interface RankedFacts {
  readonly task: Task;
  readonly ports: TaskPorts;
  readonly canTakeTraffic: boolean;
}

/** The rank of each candidate (same index) with `registered` as the load balancer's instances. */
export const servingRanks = (
  candidates: readonly RankedFacts[],
  lb: LoadBalancer,
  registered: readonly InstanceId[],
): ServingRank[] => {
  const probed = probedPort(lb);
  return candidates.map((c) => ownRank(c, lb, probed, registered));
};

/** The port the health check probes, or `anyPort` when its target is unreadable (Statika leaves it alone). */
const probedPort = (lb: LoadBalancer): number | 'anyPort' => {
  const target = parseHealthCheckTarget(lb.healthCheck.target);
  return E.isRight(target) ? target.right.port : 'anyPort';
};

const ownRank = (
  c: RankedFacts,
  lb: LoadBalancer,
  probed: number | 'anyPort',
  registered: readonly InstanceId[],
): ServingRank => {
  if (!c.canTakeTraffic || c.task.instanceId === undefined || !registered.includes(c.task.instanceId)) {
    return 2;
  }
  const probesIt = probed === 'anyPort' || probed === c.ports.hostPort;
  return probesIt && forwardsTo(lb, c.ports) ? 0 : 1;
};
