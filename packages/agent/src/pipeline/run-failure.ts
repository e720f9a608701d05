import type { ReconcileFailure } from '../reconcile-failure.js';
import { type ControllerState, specOf } from './controller-state.js';

/**
 * Why the run in `state` failed, if it did: the files when there is no spec in force yet, else the first
 * failure the run met, else a missing observation (this run's read is still backing off after the last
 * one failed).
 */
export const runFailure = (state: ControllerState): ReconcileFailure | undefined => {
  const run = state.run;
  if (run === undefined) return undefined;
  if (specOf(state) === undefined) {
    const files = [state.configurationFile, state.servicesFile]
      .filter((f) => f.loaded === undefined)
      .map((f) => ({ url: f.url, error: f.error ?? `${f.url} is not read yet` }));
    return { type: 'no-spec', files };
  }
  if (run.failure !== undefined) return run.failure;
  if (run.observation === undefined && !run.localOnly) {
    return { type: 'observe', failure: state.lastObservation?.error };
  }
  return undefined;
};
