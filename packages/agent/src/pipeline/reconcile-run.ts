import { applyActions, applyForwarding, type Observation, plan } from '@statika/core';
import { catchError, concat, defer, EMPTY, from, type Observable, of, tap } from 'rxjs';
import type { NextAttempt, ReconcileTrigger } from '../agent-event.js';
import { applyStep } from './apply-step.js';
import { nextRetryAt } from './backoff.js';
import { advance, appliedActions, type ControllerState, type RunState, specOf } from './controller-state.js';
import { forwardStep } from './forward-step.js';
import { localForwarding } from './local-forwarding.js';
import { observe } from './observe.js';
import { planStep } from './plan-step.js';
import type { Progress } from './progress.js';
import { recoverJournal } from './recover-journal.js';
import { reloadFiles } from './reload-files.js';
import { resolveIdentity } from './resolve-identity.js';
import { resyncIntervalMs } from './resync-interval-of.js';
import type { RunContext, Step } from './run-context.js';
import { runFailure } from './run-failure.js';

/**
 * The stages of a reconcile, in order; each does nothing when what it needs is not there (a local change
 * that `localForwarding` settled needs no observation, so nothing after it runs).
 */
export const reconcileSteps: readonly Step[] = [
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
 * One reconcile: journal recovery, reload, identity, observe, plan, apply, then the status after it.
 * Each stage sees the state left by the ones before. An error inside a stage becomes an `unexpected`
 * progress and the reconcile goes on to its end: the observable never errors.
 */
export const reconcileRun$ = (
  state: ControllerState,
  trigger: ReconcileTrigger,
  context: RunContext,
  steps: readonly Step[] = reconcileSteps,
): Observable<Progress> =>
  defer(() => {
    const tick: Progress = { type: 'tick', trigger, at: context.scheduler.now() };
    return concat(of(tick), sequence(advance(state, tick), steps, context));
  });

const sequence = (
  state: ControllerState,
  steps: readonly Step[],
  context: RunContext,
): Observable<Progress> => {
  const [step, ...rest] = steps;
  if (step === undefined || context.stopped()) return settle(state, context);
  return defer(() => {
    let current = state;
    const guarded$ = defer(() => step(current, context)).pipe(
      catchError((error: unknown) =>
        of<Progress>({ type: 'unexpected', at: context.scheduler.now(), stage: step.name, error }),
      ),
    );
    return concat(
      guarded$.pipe(
        tap((p) => {
          current = advance(current, p);
        }),
      ),
      defer(() => sequence(current, rest, context)),
    );
  });
};

/**
 * The end of a reconcile: the services' status as AWS holds them now, planned on the observation with
 * the applied actions applied (core's model of AWS: no second read), then the reconcile's summary.
 */
const settle = (state: ControllerState, context: RunContext): Observable<Progress> => {
  const run = state.run;
  if (run === undefined) return EMPTY;
  const at = context.scheduler.now();
  const spec = specOf(state);
  const failure = runFailure(state);
  const settled: Progress[] =
    spec !== undefined && run.observation !== undefined && run.plan !== undefined
      ? [
          {
            type: 'settled',
            at,
            services: plan(spec, settledObservation(run.observation, run), at).services,
          },
        ]
      : [];
  return from<readonly Progress[]>([
    ...settled,
    {
      type: 'reconciled',
      trigger: run.trigger,
      at: run.startedAt,
      durationMs: at - run.startedAt,
      result: failure === undefined ? 'ok' : 'error',
      actions: run.actions.length,
      failure,
      next: nextAttempt(state, at),
    },
  ]);
};

/** When the controller reconciles again, as it stands at the end of a run. */
const nextAttempt = (state: ControllerState, now: number): NextAttempt => {
  const retryAt = nextRetryAt(state.backoffs, now);
  if (retryAt !== undefined) return { type: 'retry', inMs: retryAt - now };
  const intervalMs = resyncIntervalMs(state, now);
  return intervalMs === undefined ? { type: 'none' } : { type: 'resync', intervalMs };
};

/** The observation with what this run changed: the applied actions and the swapped forwarding rules. */
const settledObservation = (observation: Observation, run: RunState): Observation => {
  const applied = applyActions(appliedActions(run), observation);
  return run.forwarded === undefined
    ? applied
    : applyForwarding({ type: 'replace', before: [], after: run.forwarded }, applied);
};
