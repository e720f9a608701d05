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
 * Applies the actions, one report per action attempted. Services run concurrently and independently:
 * a slow or failing load balancer never delays or stops another service's. Within a service the actions
 * run in plan order (register, health check, listeners) and the first that does not succeed ends that
 * service's turn: its later actions assumed it had. Once the stop is asked no action starts; the ones in
 * flight finish. Actions are reported as `dry-run`, and nothing applied, in a dry run.
 */
export const applyByService$ = (
  actions: readonly Action[],
  deps: PipelineDependencies,
): Observable<ActionReport> =>
  from(byService(actions)).pipe(
    mergeMap((serviceActions) =>
      from(serviceActions).pipe(
        concatMap((action) => unlessStopped(deps.stop$, () => applyOne$(action, deps))),
        takeWhile((report) => report.result === 'applied' || report.result === 'dry-run', true),
      ),
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
