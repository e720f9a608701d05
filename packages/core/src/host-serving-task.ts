import { type Candidate, candidatesOf } from './candidate.js';
import type { LoadBalancer, Observation, Task } from './observation.js';
import { compareCandidates } from './select-serving-task.js';
import type { ServiceSpec } from './services.js';

/**
 * This host's own serving task in node-port mode, among its candidates for one service (`here`, all on
 * this host). The incumbent is the task the current kernel rule forwards to (`currentHostPort`): it stays
 * while it is a ready candidate, so a newer task that settles does not take over a healthy one and
 * connections are not moved for nothing. Otherwise the best candidate here: one that can take traffic
 * (HEALTHY or no health check) before one that cannot, then rule 2's order (on one host: ready before
 * settling, newest, task ARN). So when ECS marks the old task STOPPED during a deploy, the new one takes
 * over at once, even inside its settle time.
 */
export const selectHostServingTask = (
  here: readonly Candidate[],
  currentHostPort: number | undefined,
): Candidate | undefined => {
  const incumbent = here.find((c) => c.ports.hostPort === currentHostPort && c.ready);
  if (incumbent !== undefined) return incumbent;
  let best: Candidate | undefined;
  for (const c of here) {
    if (best === undefined || compareHere(c, best) < 0) best = c;
  }
  return best;
};

const compareHere = (a: Candidate, b: Candidate): number => {
  if (a.canTakeTraffic !== b.canTakeTraffic) return a.canTakeTraffic ? -1 : 1;
  return compareCandidates(a, b);
};

/**
 * A service's candidates on this host. `lb` ranks them (rule 2's order), or is absent when the service's
 * load balancer is missing: the forwarding of the node port is this host's own business and goes on.
 */
export const hostCandidates = (
  service: ServiceSpec,
  tasks: readonly Task[],
  observation: Observation,
  settleTimeSeconds: number,
  now: number,
  lb: LoadBalancer | undefined,
): readonly Candidate[] =>
  candidatesOf(
    service,
    tasks,
    observation,
    settleTimeSeconds,
    now,
    lb ?? unobservedLoadBalancer(service),
  ).filter((c) => c.onThisHost);

/** A load balancer with nothing registered and no listener: every candidate gets the lowest rank. */
const unobservedLoadBalancer = (service: ServiceSpec): LoadBalancer => ({
  name: service.loadBalancerName,
  listeners: [],
  backendServers: [],
  healthCheck: { target: '', interval: 0, timeout: 0, unhealthyThreshold: 0, healthyThreshold: 0 },
  instances: [],
});
