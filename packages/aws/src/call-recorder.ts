import type { FailureSource } from './failure.js';

/** One AWS (or local metadata) call as it finished: for metrics and for the calls-per-resync benchmark. */
export interface AwsCall {
  readonly service: FailureSource;
  readonly operation: string;
  /** `ok`, or the error code. */
  readonly result: string;
  readonly durationMs: number;
}

export interface CallRecorder {
  record(call: AwsCall): void;
}

export const noopRecorder: CallRecorder = { record: () => {} };
