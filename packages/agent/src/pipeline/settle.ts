import { type Action, applyActions, applyForwarding, type Observation, plan } from '@statika/core';
import { EMPTY, from } from 'rxjs';
import type { NextAttempt } from '../agent-event.js';
import { pendingRetryAt } from './backoff.js';
import { type ControllerState, type RunState, specOf } from './controller-state.js';
import type { Progress } from './progress.js';
import { resyncIntervalMs } from './resync-interval-of.js';
import { runFailure } from './run-failure.js';
import type { Stage } from './stage.js';

/**
 * The end of a reconcile, which runs even after a stop: the services' status as AWS holds them now,
 * planned on the observation with the applied actions applied (core's model of AWS: no second read),
 * then the reconcile's summary.
 */
export const settle: Stage = (state, deps) => {
  const run = state.run;
  if (run === undefined) return EMPTY;
  const at = deps.scheduler.now();
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
  const retryAt = pendingRetryAt(state.backoffs, state.lastTickAt);
  if (retryAt !== undefined) return { type: 'retry', inMs: Math.max(0, retryAt - now) };
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

/** The actions of this run that AWS now holds: what the status after the run is planned on. */
const appliedActions = (run: RunState): readonly Action[] =>
  run.actions.filter((r) => r.result === 'applied').map((r) => r.action);
