import { defer, EMPTY, mergeMap } from 'rxjs';
import { applyByService$ } from './apply-by-service.js';
import { backingOff, backoffAfter, isRetryable } from './backoff-progress.js';
import { type ActionReport, type Progress, serviceBackoffKey } from './progress.js';
import type { Stage } from './stage.js';

/**
 * Applies the plan, except for load balancers with an unfinished journal entry and, unless this is a
 * resync, services still backing off. Each service's outcome moves its own backoff.
 */
export const applyStep: Stage = (state, deps) => {
  const run = state.run;
  if (run?.plan === undefined) return EMPTY;
  const runnable = run.plan.actions.filter(
    (a) =>
      !backingOff(state, serviceBackoffKey(a.serviceName), deps) &&
      !run.unrecovered.includes(a.loadBalancerName),
  );
  return defer(() => {
    const reset = new Set<string>();
    const backoff = (report: ActionReport): readonly Progress[] => {
      const retry = retrySoon(report);
      if (!retry && reset.has(report.action.serviceName)) return [];
      if (!retry) reset.add(report.action.serviceName);
      return backoffAfter(state, serviceBackoffKey(report.action.serviceName), retry, deps);
    };
    return applyByService$(runnable, deps).pipe(
      mergeMap((report): Progress[] => [{ type: 'action', report }, ...backoff(report)]),
    );
  });
};

/** A conflict asks for a fresh look soon; a failure is retried soon only when retrying can help. */
const retrySoon = (report: ActionReport): boolean => {
  switch (report.result) {
    case 'conflict':
      return true;
    case 'failed':
    case 'restored':
      return isRetryable(report.error);
    case 'applied':
    case 'dry-run':
      return false;
  }
};
