import type { Identity } from '@statika/aws';
import type { Spec } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { EMPTY, mergeMap, type Observable, take, takeUntil } from 'rxjs';
import { backingOff, backoffAfter, isRetryable } from './backoff-progress.js';
import { type ControllerState, specOf } from './controller-state.js';
import type { PipelineDependencies } from './pipeline-dependencies.js';
import type { Progress } from './progress.js';
import type { Stage } from './stage.js';

/**
 * Reads the whole current state from AWS. A failed or partial read is reported and ends the reconcile:
 * nothing is ever planned on it. Retryable failures back off; while they do, retries and local changes
 * skip the read (a resync never does), and so does a local change the last observation was enough for.
 */
export const observe: Stage = (state, deps) => {
  const spec = specOf(state);
  if (
    spec === undefined ||
    state.identity === undefined ||
    state.run?.localOnly === true ||
    backingOff(state, 'observe', deps)
  )
    return EMPTY;
  return observeOnce$(spec, state.identity, state, deps);
};

/** One observation and its backoff bookkeeping, whatever the backoff says: for re-reads within a reconcile. */
export const observeOnce$ = (
  spec: Spec,
  identity: Identity,
  state: ControllerState,
  deps: PipelineDependencies,
): Observable<Progress> =>
  deps.ports.observe(spec, identity).pipe(
    take(1),
    takeUntil(deps.stop$),
    mergeMap((result): Progress[] => [
      { type: 'observed', at: deps.scheduler.now(), result },
      ...backoffAfter(state, 'observe', E.isLeft(result) && isRetryable(result.left), deps),
    ]),
  );
