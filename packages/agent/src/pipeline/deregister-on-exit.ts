import { planExit } from '@statika/core';
import { EMPTY, map, NEVER, type Observable } from 'rxjs';
import { applyByService$ } from './apply-by-service.js';
import { type ControllerState, type ControllerUpdate, specOf } from './controller-state.js';
import { observeOnce$ } from './observe.js';
import type { PipelineDependencies } from './pipeline-dependencies.js';
import type { Progress } from './progress.js';
import { reconcileRun$ } from './reconcile-run.js';
import type { Stage } from './stage.js';

const observeForExit: Stage = (state, deps) => {
  const spec = specOf(state);
  return spec === undefined || state.identity === undefined
    ? EMPTY
    : observeOnce$(spec, state.identity, state, deps);
};

const deregister: Stage = (state, deps) => {
  const spec = specOf(state);
  if (spec === undefined || state.identity === undefined) return EMPTY;
  return applyByService$(planExit(spec, state.identity.instanceId, state.run?.observation), deps).pipe(
    map((report): Progress => ({ type: 'action', report })),
  );
};

/**
 * The shutdown reconcile: observe once more, then leave every load balancer this instance is in. It runs
 * after the stop, so the stop holds nothing of it back.
 */
export const deregisterOnExit$ = (
  state: ControllerState,
  deps: PipelineDependencies,
): Observable<ControllerUpdate> =>
  specOf(state) === undefined || state.identity === undefined
    ? EMPTY
    : reconcileRun$(state, 'shutdown', { ...deps, stop$: NEVER }, [observeForExit, deregister]);
