import {
  catchError,
  connect,
  defer,
  merge,
  mergeMap,
  type Observable,
  type OperatorFunction,
  of,
  reduce,
  scan,
} from 'rxjs';
import type { ReconcileTrigger } from '../agent-event.js';
import { advance } from './advance.js';
import { applyStep } from './apply-step.js';
import type { ControllerState, ControllerUpdate } from './controller-state.js';
import { forwardStep } from './forward-step.js';
import { localForwarding } from './local-forwarding.js';
import { observe } from './observe.js';
import type { PipelineDependencies } from './pipeline-dependencies.js';
import { planStep } from './plan-step.js';
import type { Progress } from './progress.js';
import { recoverJournal } from './recover-journal.js';
import { reloadFiles } from './reload-files.js';
import { resolveIdentity } from './resolve-identity.js';
import { settle } from './settle.js';
import type { Stage } from './stage.js';
import { unlessStopped } from './stop-request.js';

/**
 * The stages of a reconcile, in order; each does nothing when what it needs is not there (a local change
 * that `localForwarding` settled needs no observation, so nothing after it runs).
 */
export const reconcileStages: readonly Stage[] = [
  localForwarding,
  recoverJournal,
  reloadFiles,
  resolveIdentity,
  observe,
  planStep,
  forwardStep,
  applyStep,
];

/**
 * One reconcile from `start`: the tick, the stages one after the other, then `settle`. This is the
 * pipeline's one fold and its one catch. Each stage is given the state folded (`advance`) from everything
 * reported before it, and every piece of progress comes out with the state after it; an error of a
 * stage's stream becomes an `unexpected` progress and the reconcile goes on to its end, so the
 * observable never errors. Once the stop is asked no further stage starts, but `settle` still reports
 * how the reconcile ended.
 */
export const reconcileRun$ = (
  start: ControllerState,
  trigger: ReconcileTrigger,
  deps: PipelineDependencies,
  stages: readonly Stage[] = reconcileStages,
): Observable<ControllerUpdate> =>
  defer(() => of<Progress>({ type: 'tick', trigger, at: deps.scheduler.now() })).pipe(
    foldFrom(start),
    thenFrom(start, (state) => sequence(state, stages, deps)),
  );

/** The stages from `state`, each from the state the one before left; `settle` last, or once stopped. */
const sequence = (
  state: ControllerState,
  stages: readonly Stage[],
  deps: PipelineDependencies,
): Observable<ControllerUpdate> => {
  const [stage, ...rest] = stages;
  const settle$ = () => guarded(settle, state, deps).pipe(foldFrom(state));
  if (stage === undefined) return settle$();
  return unlessStopped(
    deps.stop$,
    () =>
      guarded(stage, state, deps).pipe(
        foldFrom(state),
        thenFrom(state, (next) => sequence(next, rest, deps)),
      ),
    settle$,
  );
};

/** The stage's progress; an error of its stream (a bug, or a port breaking its contract) as a value. */
const guarded = (stage: Stage, state: ControllerState, deps: PipelineDependencies): Observable<Progress> =>
  defer(() => stage(state, deps)).pipe(
    catchError((error: unknown) =>
      of<Progress>({ type: 'unexpected', at: deps.scheduler.now(), stage: stage.name, error }),
    ),
  );

/** The fold: each piece of progress with the controller's state after it. */
const foldFrom = (start: ControllerState): OperatorFunction<Progress, ControllerUpdate> =>
  scan<Progress, ControllerUpdate, { readonly state: ControllerState }>(
    (last, progress) => ({ progress, state: advance(last.state, progress) }),
    { state: start },
  );

/** The updates, then those of `next` from the state they end on (`start` when there were none). */
const thenFrom =
  (
    start: ControllerState,
    next: (state: ControllerState) => Observable<ControllerUpdate>,
  ): OperatorFunction<ControllerUpdate, ControllerUpdate> =>
  (updates$) =>
    updates$.pipe(
      connect((shared$) =>
        merge(
          shared$,
          shared$.pipe(
            reduce((_, update) => update.state, start),
            mergeMap(next),
          ),
        ),
      ),
    );
