import type { CallRecorder } from './call-recorder.js';
import { classifyFailure } from './classify-failure.js';
import type { FailureSource } from './failure.js';

/** What the middleware reads from the SDK's handler context. */
interface CommandContext {
  readonly commandName?: string;
}

/** Where the middleware sits: inside every retry, so it sees (and counts) every attempt. */
export const callRecordingLocation = {
  name: 'statikaCallRecorder',
  relation: 'after',
  toMiddleware: 'retryMiddleware',
} as const;

const operationOf = (context: CommandContext): string =>
  (context.commandName ?? 'Unknown').replace(/Command$/, '');

/**
 * An SDK middleware that records every request a client sends: service, operation (`DescribeTasks`),
 * result (`ok` or the error code) and duration. It runs once per attempt, so retries are counted as the
 * calls AWS actually received (they spend from the same rate limits).
 */
export const callRecordingMiddleware =
  (service: FailureSource, recorder: CallRecorder, now: () => number = performance.now.bind(performance)) =>
  <Args, Result>(next: (args: Args) => Promise<Result>, context: CommandContext) =>
  async (args: Args): Promise<Result> => {
    const operation = operationOf(context);
    const started = now();
    try {
      const result = await next(args);
      recorder.record({ service, operation, result: 'ok', durationMs: now() - started });
      return result;
    } catch (error) {
      const { code } = classifyFailure(error, service, operation, undefined);
      recorder.record({ service, operation, result: code, durationMs: now() - started });
      throw error;
    }
  };
