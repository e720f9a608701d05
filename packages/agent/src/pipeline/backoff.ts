import { type BackoffPolicy, jitteredDelayMs } from '@statika/aws';

/**
 * A reconcile's retries: the wait is the retry policy's (`@statika/aws`, exponential with full jitter),
 * on these bounds. A retry here is not a call again but a fresh reconcile, which reads the current state.
 */
export type { BackoffPolicy };

export const defaultBackoffPolicy: BackoffPolicy = { initialMs: 1000, maxMs: 300_000 };

/**
 * The longest wait between reads of the files while no good configuration is in force: there is no
 * resync yet, so this is the only retry, and it is kept to the usual resync (10 s).
 */
export const filesRetryMaxMs = 10_000;

/** The backoff of the file reads at start-up: the agent's policy, capped at `filesRetryMaxMs`. */
export const filesBackoffPolicy = (policy: BackoffPolicy): BackoffPolicy => ({
  initialMs: Math.min(policy.initialMs, filesRetryMaxMs),
  maxMs: Math.min(policy.maxMs, filesRetryMaxMs),
});

/** Where one backed-off thing stands: how many failures in a row, and not to try again before `retryAt`. */
export interface Backoff {
  readonly attempt: number;
  readonly retryAt: number;
}

/**
 * The backoff after one more retryable failure. `random` is in [0, 1). The wait is at least 1 ms, even
 * when the jitter draws 0: a retry is then always later than the reconcile that asked for it, which is
 * how `pendingRetryAt` tells a retry still owed from one already made.
 */
export const nextBackoff = (
  previous: Backoff | undefined,
  now: number,
  random: () => number,
  policy: BackoffPolicy,
): Backoff => {
  const attempt = (previous?.attempt ?? 0) + 1;
  return { attempt, retryAt: now + Math.max(1, jitteredDelayMs(policy, attempt, random)) };
};

/** Whether work under this backoff must still wait at `now`. */
export const isBackingOff = (backoff: Backoff | undefined, now: number): boolean =>
  backoff !== undefined && backoff.retryAt > now;

/**
 * When the next retry is owed: the earliest `retryAt` later than the start of the last reconcile
 * (`lastTickAt`). A reconcile that starts at or after a `retryAt` has made that retry (the stage either
 * tried again, and cleared or moved its backoff, or had nothing to do), so such a backoff is not owed
 * again: the controller never loops on it, and it never hides a later one. A retry that fell due while a
 * reconcile was running is still owed, however far in the past: it is not lost to the moment it fell due.
 */
export const pendingRetryAt = (
  backoffs: Readonly<Partial<Record<string, Backoff>>>,
  lastTickAt: number | undefined,
): number | undefined => {
  const owed = Object.values(backoffs)
    .flatMap((b) => (b === undefined ? [] : [b.retryAt]))
    .filter((at) => lastTickAt === undefined || at > lastTickAt);
  return owed.length === 0 ? undefined : Math.min(...owed);
};
