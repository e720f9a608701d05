import { absurd } from 'fp-ts/lib/function.js';
import type { Failure } from './failure.js';

/**
 * The one place that decides what is retried and how (docs/architecture.md, "Errors, retries and time").
 * What: `isRetryable`. How: exponential backoff with full jitter, at two scales: a call
 * (`callRetryOf`, applied by the clients' retry middleware; the SDK's own retry is off) and a reconcile
 * (the agent's backoff, with the bounds it is given).
 */

/**
 * Whether trying the same thing again soon can help: AWS asked us to slow down, there was no usable
 * answer, the journal could not be written, or an adapter threw. A missing resource, a conflict, a
 * refusal and an invalid request need something else to change first (the next observation, an
 * operator): they wait for the next resync.
 */
export const isRetryable = (failure: Failure): boolean => {
  switch (failure.type) {
    case 'throttled':
    case 'transient':
    case 'journal':
    case 'unexpected':
      return true;
    case 'not-found':
    case 'conflict':
    case 'denied':
    case 'invalid':
    case 'terminal':
      return false;
    default:
      return absurd(failure);
  }
};

/** Exponential backoff bounds: the first wait is up to `initialMs`, the bound doubling up to `maxMs`. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

/**
 * The wait after `attempt` failures in a row (1 for the first), with full jitter: uniform between 0 and
 * the capped exponential bound, so that the agents of a throttled account do not retry in step.
 * `random` is in [0, 1).
 */
export const jitteredDelayMs = (policy: BackoffPolicy, attempt: number, random: () => number): number =>
  Math.floor(random() * Math.min(policy.maxMs, policy.initialMs * 2 ** (attempt - 1)));

/** How one call is retried: attempts in all, and the backoff between them. */
export interface CallRetry {
  readonly attempts: number;
  readonly backoff: BackoffPolicy;
}

/**
 * Any call: one more attempt after up to half a second (the SDK's standard wait for a throttle). After
 * that the agent's backoff takes over with a fresh reconcile, which reads the current state again.
 */
export const CALL_RETRY: CallRetry = { attempts: 2, backoff: { initialMs: 500, maxMs: 500 } };

/**
 * The create of a listener replacement runs right after its delete, and until it succeeds the port has
 * no listener (rule 5): it is retried sooner and longer (at most 3 s of waiting) before the actuator restores
 * the old listeners. A terminal failure is never retried: nothing changes between attempts.
 */
export const CREATE_LISTENERS_RETRY: CallRetry = { attempts: 6, backoff: { initialMs: 200, maxMs: 800 } };

export const callRetryOf = (operation: string): CallRetry =>
  operation === 'CreateLoadBalancerListeners' ? CREATE_LISTENERS_RETRY : CALL_RETRY;

/** The wait before trying a call again after its `attempt`-th attempt failed; undefined: do not. */
export const callRetryDelayMs = (
  retry: CallRetry,
  failure: Failure,
  attempt: number,
  random: () => number,
): number | undefined =>
  attempt < retry.attempts && isRetryable(failure)
    ? jitteredDelayMs(retry.backoff, attempt, random)
    : undefined;
