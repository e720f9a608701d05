import { type Identity, unexpected } from '@statika/aws';
import type { Spec } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { catchError, EMPTY, mergeMap, type Observable, of, take, takeUntil } from 'rxjs';
import { type ControllerState, specOf } from './controller-state.js';
import type { Progress } from './progress.js';
import { backingOff, backoffAfter, isRetryable, type RunContext, type Step } from './run-context.js';

/**
 * Reads the whole current state from AWS. A failed or partial read is reported and ends the reconcile:
 * nothing is ever planned on it. Retryable failures back off; while they do, retries and local changes
 * skip the read (a resync never does), and so does a local change the last observation was enough for.
 */
export const observe: Step = (state, context) => {
  const spec = specOf(state);
  if (
    spec === undefined ||
    state.identity === undefined ||
    state.run?.localOnly === true ||
    backingOff(state, 'observe', context)
  )
    return EMPTY;
  return observeOnce$(spec, state.identity, state, context);
};

/** One observation and its backoff bookkeeping, whatever the backoff says: for re-reads within a reconcile. */
export const observeOnce$ = (
  spec: Spec,
  identity: Identity,
  state: ControllerState,
  context: RunContext,
): Observable<Progress> =>
  context.ports.observe(spec, identity).pipe(
    take(1),
    takeUntil(context.interrupted$),
    catchError((e: unknown) =>
      of(
        E.left(unexpected({ service: 'ecs', operation: 'Observe', resource: spec.configuration.cluster }, e)),
      ),
    ),
    mergeMap((result): Progress[] => [
      { type: 'observed', at: context.scheduler.now(), result },
      ...backoffAfter(state, 'observe', E.isLeft(result) && isRetryable(result.left), context),
    ]),
  );
