import { type Failure, isRetryable as retries } from '@statika/aws';
import type { Observable, SchedulerLike } from 'rxjs';
import { type BackoffPolicy, isBackingOff, nextBackoff } from './backoff.js';
import type { ControllerState } from './controller-state.js';
import type { Ports } from './ports.js';
import type { BackoffKey, Progress } from './progress.js';

/** What every stage of a reconcile is given: the outside world, the clock, and the knobs. */
export interface RunContext {
  readonly ports: Ports;
  readonly scheduler: SchedulerLike;
  /** In [0, 1): the jitter of the backoff and of the resync. */
  readonly random: () => number;
  readonly backoff: BackoffPolicy;
  readonly dryRun: boolean;
  /** True once `stop()` was called: no new step or action starts. */
  readonly stopped: () => boolean;
  /** Emits on `stop()`: reads in flight are abandoned (an action in flight never is). */
  readonly interrupted$: Observable<unknown>;
}

/** One stage of a reconcile: reads the state so far, reports what it did. */
export type Step = (state: ControllerState, context: RunContext) => Observable<Progress>;

/**
 * The backoff progress after an attempt: a failure worth retrying soon backs off one step further,
 * anything else (success, or a terminal error that only the next resync retries) clears it. Nothing when
 * nothing changes.
 */
export const backoffAfter = (
  state: ControllerState,
  key: BackoffKey,
  retry: boolean,
  context: RunContext,
): readonly Progress[] => {
  const previous = state.backoffs[key];
  if (retry) {
    return [
      {
        type: 'backoff',
        key,
        backoff: nextBackoff(previous, context.scheduler.now(), context.random, context.backoff),
      },
    ];
  }
  return previous === undefined ? [] : [{ type: 'backoff', key, backoff: undefined }];
};

/** Whether a failure is worth retrying before the next resync. */
export const isRetryable = (error: Failure | undefined): boolean => error !== undefined && retries(error);

/**
 * Whether work under `key` must still wait for its backoff at this moment. The start-up and every resync
 * try everything whatever the backoff says: the backoff only schedules extra retries (and holds back
 * other triggers) between resyncs, so a long backoff never delays a resync.
 */
export const backingOff = (state: ControllerState, key: BackoffKey, context: RunContext): boolean => {
  const trigger = state.run?.trigger;
  if (trigger === 'resync' || trigger === 'startup') return false;
  return isBackingOff(state.backoffs[key], context.scheduler.now());
};
