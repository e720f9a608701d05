import { classifyFailure } from './classify-failure.js';
import type { FailureSource } from './failure.js';
import { type CallRetry, callRetryDelayMs, callRetryOf } from './retry-policy.js';

/** The clock of the retries: tests and the virtual-time harness inject theirs. */
export interface RetryClock {
  readonly sleep: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter. */
  readonly random: () => number;
}

export const realRetryClock: RetryClock = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** What the middleware reads from the SDK's handler context. */
interface CommandContext {
  readonly commandName?: string;
}

/**
 * Where the middleware sits: first of all, so each attempt is serialized, signed and recorded afresh
 * (and whatever a test adds at `initialize` runs inside it, once per attempt).
 */
export const retryLocation = { step: 'initialize', priority: 'high', name: 'statikaRetry' } as const;

/** The caller gave up (an abort signal): trying again cannot answer it. */
const aborted = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';

/**
 * An SDK middleware that retries a call as the retry policy says (`callRetryOf`: which failures, how
 * many attempts, how long between them), on an injected clock. It replaces the SDK's own retry, whose
 * waits were on the real clock and whose attempts stacked on the agent's backoff. `maxAttempts` caps the
 * policy's attempts (1: never retry).
 */
export const retryMiddleware =
  (service: FailureSource, clock: RetryClock, maxAttempts?: number) =>
  <Args, Result>(next: (args: Args) => Promise<Result>, context: CommandContext) =>
  async (args: Args): Promise<Result> => {
    const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
    const policy = callRetryOf(operation);
    const retry: CallRetry =
      maxAttempts === undefined ? policy : { ...policy, attempts: Math.min(maxAttempts, policy.attempts) };
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(args);
      } catch (error) {
        if (aborted(error)) throw error;
        const failure = classifyFailure(error, service, operation, undefined);
        const delay = callRetryDelayMs(retry, failure, attempt, clock.random);
        if (delay === undefined) throw error;
        await clock.sleep(delay);
      }
    }
  };
