import { type ActionOutcome, type Failure, unexpected } from '@statika/aws';
import type { Action } from '@statika/core';
import type { Either } from 'fp-ts/lib/Either.js';
import {
  catchError,
  concatMap,
  defer,
  EMPTY,
  from,
  map,
  mergeMap,
  type Observable,
  of,
  type SchedulerLike,
  take,
  takeWhile,
} from 'rxjs';
import type { ActionResult } from '../agent-status.js';
import type { ActionReport } from './progress.js';

export interface ApplyDependencies {
  readonly apply: (action: Action) => Observable<Either<Failure, ActionOutcome>>;
  readonly scheduler: SchedulerLike;
  /** Report each action as `dry-run` and change nothing. */
  readonly dryRun: boolean;
  /** Once true, no new action starts; the one in flight finishes. */
  readonly stopped: () => boolean;
}

/** The plan's actions by service, each service's in plan order, services in order of first appearance. */
export const byService = (actions: readonly Action[]): readonly (readonly Action[])[] => {
  const groups = new Map<string, Action[]>();
  for (const action of actions) {
    const group = groups.get(action.serviceName);
    if (group === undefined) groups.set(action.serviceName, [action]);
    else group.push(action);
  }
  return [...groups.values()];
};

/**
 * Applies the actions, one report per action attempted. Services run concurrently and independently:
 * a slow or failing load balancer never delays or stops another service's. Within a service the actions
 * run in plan order (register, health check, listeners) and the first that does not succeed ends that
 * service's turn: its later actions assumed it had.
 */
export const applyByService$ = (
  actions: readonly Action[],
  deps: ApplyDependencies,
): Observable<ActionReport> =>
  from(byService(actions)).pipe(
    mergeMap((serviceActions) =>
      from(serviceActions).pipe(
        concatMap((action) => defer(() => (deps.stopped() ? EMPTY : applyOne$(action, deps)))),
        takeWhile((report) => report.result === 'applied' || report.result === 'dry-run', true),
      ),
    ),
  );

const applyOne$ = (action: Action, deps: ApplyDependencies): Observable<ActionReport> => {
  const at = deps.scheduler.now();
  const report = (result: ActionResult, error: Failure | undefined): ActionReport => ({
    action,
    result,
    error,
    at,
    durationMs: deps.scheduler.now() - at,
  });
  if (deps.dryRun) return of(report('dry-run', undefined));
  return deps.apply(action).pipe(
    take(1),
    map((outcome) => {
      if (outcome._tag === 'Left') return report('failed', outcome.left);
      const o = outcome.right;
      return o.type === 'applied' ? report('applied', undefined) : report(o.type, o.error);
    }),
    catchError((e: unknown) =>
      of(
        report(
          'failed',
          unexpected({ service: 'elb', operation: action.type, resource: action.loadBalancerName }, e),
        ),
      ),
    ),
  );
};
