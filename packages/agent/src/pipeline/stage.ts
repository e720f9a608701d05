import type { Observable } from 'rxjs';
import type { ControllerState } from './controller-state.js';
import type { PipelineDependencies } from './pipeline-dependencies.js';
import type { Progress } from './progress.js';

/**
 * One stage of a reconcile: given the state so far, reports what it does. A stage neither folds nor
 * catches: `reconcileRun$` gives it the state folded from everything reported before it, and turns an
 * error of its stream into an `unexpected` progress.
 */
export type Stage = (state: ControllerState, deps: PipelineDependencies) => Observable<Progress>;
