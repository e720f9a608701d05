import { type Failure, unexpected } from '@statika/aws';
import type { Action } from '@statika/core';
import { catchError, concatMap, from, map, mergeMap, type Observable, of, take, takeWhile } from 'rxjs';
import type { ActionResult } from '../agent-status.js';
import type { PipelineDependencies } from './pipeline-dependencies.js';
import type { ActionReport } from './progress.js';
import { unlessStopped } from './stop-request.js';

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
 * How many services' actions are applied at once. More would not be faster against AWS: ELB's write
 * bucket (40 calls, then 10 a second for the whole account) bounds a start with hundreds of changes
 * anyway, and every call in flight holds its SDK objects: a first start of 100 services peaked at 84 MB
 * with all of them at once, 79 MB with 8 (docs/performance.md).
 */
export const APPLY_CONCURRENCY = 8;

/**
 * Applies the actions, one report per action attempted. Services run concurrently (up to
 * `APPLY_CONCURRENCY` at a time) and independently: a failing load balancer never stops another service's
 * actions, and a slow one delays them only while the other turns are taken too, each call for at most its
 * request timeout. Within a service the actions run in plan order (register, health check, listeners) and
 * the first that does not succeed ends that service's turn: its later actions assumed it had. Once the
 * stop is asked no action starts; the ones in flight finish. Actions are reported as `dry-run`, and
 * nothing applied, in a dry run.
 */
export const applyByService$ = (
  actions: readonly Action[],
  deps: PipelineDependencies,
): Observable<ActionReport> =>
  from(byService(actions)).pipe(
    mergeMap(
      (serviceActions) =>
        from(serviceActions).pipe(
          concatMap((action) => unlessStopped(deps.stop$, () => applyOne$(action, deps))),
          takeWhile((report) => report.result === 'applied' || report.result === 'dry-run', true),
        ),
      APPLY_CONCURRENCY,
    ),
  );

/**
 * One action and its report. The only catch below `reconcileRun$`'s, and for a reason: an error that
 * reached it would end the whole stage, abandoning the other services' actions in flight, and an action
 * abandoned half-way could race the next reconcile's. So a failure here stays this action's.
 */
const applyOne$ = (action: Action, deps: PipelineDependencies): Observable<ActionReport> => {
  const at = deps.scheduler.now();
  const report = (result: ActionResult, error: Failure | undefined): ActionReport => ({
    action,
    result,
    error,
    at,
    durationMs: deps.scheduler.now() - at,
  });
  if (deps.dryRun) return of(report('dry-run', undefined));
  return deps.ports.apply(action).pipe(
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
