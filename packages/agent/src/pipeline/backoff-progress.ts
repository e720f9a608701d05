import { type Failure, isRetryable as retries } from '@statika/aws';
import { isBackingOff, nextBackoff } from './backoff.js';
import type { ControllerState } from './controller-state.js';
import type { PipelineDependencies } from './pipeline-dependencies.js';
import type { BackoffKey, Progress } from './progress.js';

/**
 * The backoff progress after an attempt: a failure worth retrying soon backs off one step further,
 * anything else (success, or a terminal error that only the next resync retries) clears it. Nothing when
 * nothing changes.
 */
export const backoffAfter = (
  state: ControllerState,
  key: BackoffKey,
  retry: boolean,
  deps: Pick<PipelineDependencies, 'scheduler' | 'random' | 'backoff'>,
): readonly Progress[] => {
  const previous = state.backoffs[key];
  if (retry) {
    return [
      {
        type: 'backoff',
        key,
        backoff: nextBackoff(previous, deps.scheduler.now(), deps.random, deps.backoff),
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
export const backingOff = (
  state: ControllerState,
  key: BackoffKey,
  deps: Pick<PipelineDependencies, 'scheduler' | 'random' | 'backoff'>,
): boolean => {
  const trigger = state.run?.trigger;
  if (trigger === 'resync' || trigger === 'startup') return false;
  return isBackingOff(state.backoffs[key], deps.scheduler.now());
};
