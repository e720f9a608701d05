import { type Candidate, candidatesOf } from './candidate.js';
import type { Observation, Task } from './observation.js';
import { compareCandidates } from './select-serving-task.js';
import type { ServiceSpec } from './services.js';
import { reportsHealth, taskHealth } from './task-readiness.js';

/**
 * A candidate that can take traffic now: HEALTHY, or its service has no health check. It may still be
 * inside its settle time (not ready): when the task traffic goes to is stopping, such a task is better
 * than none.
 */
export const canTakeTraffic = (candidate: Candidate, serviceHasHealthCheck: boolean): boolean => {
  const health = taskHealth(candidate.task, serviceHasHealthCheck);
  return health === 'healthy' || health === 'no-health-check';
};

/**
 * This host's own serving task in node-port mode, among its candidates for one service (`here`, all on
 * this host). The incumbent is the task the current kernel rule forwards to (`currentHostPort`): it stays
 * while it is a ready candidate, so a newer task that settles does not take over a healthy one and
 * connections are not moved for nothing. Otherwise the best candidate here: one that can take traffic
 * before one that cannot, then rule 2's order (ready before settling, newest, task ARN). So when ECS
 * marks the old task STOPPED during a deploy, the new one takes over at once, even inside its settle time.
 */
export const selectHostServingTask = (
  here: readonly Candidate[],
  currentHostPort: number | undefined,
  serviceHasHealthCheck: boolean,
): Candidate | undefined => {
  const incumbent = here.find((c) => c.ports.hostPort === currentHostPort && c.ready);
  if (incumbent !== undefined) return incumbent;
  let best: Candidate | undefined;
  for (const c of here) {
    if (best === undefined || compareHere(c, best, serviceHasHealthCheck) < 0) best = c;
  }
  return best;
};

const compareHere = (a: Candidate, b: Candidate, serviceHasHealthCheck: boolean): number => {
  const aTakes = canTakeTraffic(a, serviceHasHealthCheck);
  if (aTakes !== canTakeTraffic(b, serviceHasHealthCheck)) return aTakes ? -1 : 1;
  return compareCandidates(a, b);
};

/** A service's candidates on this host, and whether the service has a health check (see task-readiness.ts). */
export interface HostCandidates {
  readonly here: readonly Candidate[];
  readonly serviceHasHealthCheck: boolean;
}

export const hostCandidates = (
  service: ServiceSpec,
  tasks: readonly Task[],
  observation: Observation,
  settleTimeSeconds: number,
  now: number,
): HostCandidates => {
  const candidates = candidatesOf(service, tasks, observation, settleTimeSeconds, now);
  return {
    here: candidates.filter((c) => c.onThisHost),
    serviceHasHealthCheck: candidates.some((c) => reportsHealth(c.task)),
  };
};
