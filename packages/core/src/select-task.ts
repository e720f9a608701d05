import { type Candidate, candidatesOf, isOnThisHost, isRunning } from './candidate.js';
import type { Configuration } from './configuration.js';
import type { LoadBalancer, Observation, Task } from './observation.js';
import { selectServingTask } from './select-serving-task.js';
import type { ServiceReason } from './service-reason.js';
import type { ServiceSpec } from './services.js';
import { servingHostHold } from './serving-host-hold.js';

/** What task selection decided for one service. */
export type Selection =
  /** The serving task, and every candidate (a static-port peer on this host may serve as well). */
  | { readonly type: 'serving'; readonly serving: Candidate; readonly candidates: readonly Candidate[] }
  /** No candidate anywhere. */
  | { readonly type: 'none' }
  /**
   * Nothing is done for now: policy `single` and not exactly one usable task on this host, or a move
   * between hosts held while the serving host's new task starts (serving-host-hold.ts).
   */
  | { readonly type: 'waiting'; readonly reason: ServiceReason };

/**
 * Task selection under the configured policy. `tasks` are the service's tasks, cluster-wide; `lb` is the
 * service's load balancer, which every host observes alike (the serving choice stays where it holds).
 */
export const selectTask = (
  service: ServiceSpec,
  tasks: readonly Task[],
  observation: Observation,
  configuration: Configuration,
  now: number,
  lb: LoadBalancer,
): Selection => {
  const { settleTimeSeconds } = configuration;
  const candidates = candidatesOf(service, tasks, observation, settleTimeSeconds, now, lb);
  switch (configuration.taskSelection) {
    case 'newest-ready': {
      const serving = selectServingTask(candidates);
      if (serving === undefined) return { type: 'none' };
      const hold = servingHostHold(service, tasks, observation, lb, serving, now);
      return hold === undefined
        ? { type: 'serving', serving, candidates }
        : { type: 'waiting', reason: { type: 'holding', ...hold } };
    }
    case 'single':
      return selectSingle(tasks, candidates, observation);
  }
};

/**
 * Statika 0.1's rule: count this host's running tasks of the service, and act only when there is exactly
 * one and it is a candidate. Other hosts' tasks are not looked at.
 */
const selectSingle = (
  tasks: readonly Task[],
  candidates: readonly Candidate[],
  observation: Observation,
): Selection => {
  const running = tasks.filter((t) => isRunning(t) && isOnThisHost(t, observation));
  const only = running[0];
  if (only === undefined || running.length > 1) {
    return {
      type: 'waiting',
      reason: { type: 'single-needs-one-task', running: running.length },
    };
  }
  const serving = candidates.find((c) => c.task === only);
  return serving === undefined
    ? { type: 'waiting', reason: { type: 'no-usable-binding', taskArn: only.taskArn } }
    : { type: 'serving', serving, candidates: [serving] };
};
