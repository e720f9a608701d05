import { planExit } from '@statika/core';
import { EMPTY, map, NEVER, type Observable } from 'rxjs';
import { applyByService$ } from './apply-by-service.js';
import { type ControllerState, specOf } from './controller-state.js';
import { observeOnce$ } from './observe.js';
import type { Progress } from './progress.js';
import { reconcileRun$ } from './reconcile-run.js';
import type { RunContext, Step } from './run-context.js';

const observeForExit: Step = (state, context) => {
  const spec = specOf(state);
  return spec === undefined || state.identity === undefined
    ? EMPTY
    : observeOnce$(spec, state.identity, state, context);
};

const deregister: Step = (state, context) => {
  const spec = specOf(state);
  if (spec === undefined || state.identity === undefined) return EMPTY;
  return applyByService$(planExit(spec, state.identity.instanceId, state.run?.observation), {
    apply: context.ports.apply,
    scheduler: context.scheduler,
    dryRun: context.dryRun,
    stopped: () => false,
  }).pipe(map((report): Progress => ({ type: 'action', report })));
};

/** The shutdown reconcile: observe once more, then leave every load balancer this instance is in. */
export const deregisterOnExit$ = (state: ControllerState, context: RunContext): Observable<Progress> =>
  specOf(state) === undefined || state.identity === undefined
    ? EMPTY
    : reconcileRun$(state, 'shutdown', { ...context, stopped: () => false, interrupted$: NEVER }, [
        observeForExit,
        deregister,
      ]);
