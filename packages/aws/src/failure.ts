/**
 * Errors are values until the edge: every adapter returns `Either<Failure, A>`. A failure's `type` says
 * what the caller must do about it; the other fields say where it happened, for logs, `/status` and
 * metrics. Every failure is built by the constructors below (`classify-failure.ts` turns what an SDK
 * call, fetch or fs call threw into one of them); only the CLI turns a failure into an exit code.
 */

/** Where a failure happened: an AWS service, another source the agent reads, or the agent itself. */
export type FailureSource =
  | 'ecs'
  | 'elb'
  | 's3'
  | 'imds'
  | 'ecs-agent'
  | 'metadata-file'
  | 'file'
  | 'https'
  /** The kernel's forwarding rules (node-port mode, through @statika/host). */
  | 'host'
  /** The agent's journal of listener replacements (`STATIKA_STATE_DIR`). */
  | 'journal';

export interface FailureFields {
  readonly service: FailureSource;
  /** The operation (`DescribeTasks`, `CreateLoadBalancerListeners`, `GetObject`, `JournalWrite`, …). */
  readonly operation: string;
  /** The resource it concerns (cluster, load balancer name, `s3://bucket/key`, URL), when there is one. */
  readonly resource: string | undefined;
  /** The answer's own code for operators (`Throttling`, `LoadBalancerNotFound`, `ENOENT`) or ours (`Timeout`). */
  readonly code: string;
  readonly message: string;
}

/** AWS said slow down: back off with jitter, then try again. */
export interface Throttled extends FailureFields {
  readonly type: 'throttled';
}
/** No answer, or one that could not be used (5xx, network, timeout, expired credentials, a partial read): try again soon. */
export interface Transient extends FailureFields {
  readonly type: 'transient';
}
/** The named thing does not exist (load balancer, cluster, file): nothing to retry until someone creates it. */
export interface NotFound extends FailureFields {
  readonly type: 'not-found';
}
/** Someone else changed it first (`DuplicateListener`): observe again and let the next plan decide. */
export interface Conflict extends FailureFields {
  readonly type: 'conflict';
}
/** The IAM policy or the file's permissions forbid it: an operator must grant it. */
export interface Denied extends FailureFields {
  readonly type: 'denied';
}
/** The request or the input was refused as it is (validation, a limit, a file too large): an operator must fix it. */
export interface Invalid extends FailureFields {
  readonly type: 'invalid';
}
/** Anything else that was refused and that trying again cannot fix. */
export interface Terminal extends FailureFields {
  readonly type: 'terminal';
}
/** The journal could not be written before a listener delete, so nothing was deleted: try again soon. */
export interface JournalFailed extends FailureFields {
  readonly type: 'journal';
  readonly service: 'journal';
}
/** A throw or rejection where an adapter promised an Either: a bug, kept as a value so the agent goes on. */
export interface Unexpected extends FailureFields {
  readonly type: 'unexpected';
}

export type Failure =
  | Throttled
  | Transient
  | NotFound
  | Conflict
  | Denied
  | Invalid
  | Terminal
  | JournalFailed
  | Unexpected;

/** The cases a classification of an answer can give (the journal and a thrown bug are never classified). */
export type AnswerFailureType = Exclude<Failure['type'], 'journal' | 'unexpected'>;

/** A failure of `type` with these fields: the one place a failure's shape is spelled out. */
export const failure = <T extends AnswerFailureType>(
  type: T,
  fields: FailureFields,
): Extract<Failure, { type: T }> => {
  const { service, operation, resource, code, message } = fields;
  return { type, service, operation, resource, code, message } as Extract<Failure, { type: T }>;
};

export const throttled = (fields: FailureFields): Throttled => failure('throttled', fields);
export const transient = (fields: FailureFields): Transient => failure('transient', fields);
export const notFound = (fields: FailureFields): NotFound => failure('not-found', fields);
export const conflict = (fields: FailureFields): Conflict => failure('conflict', fields);
export const denied = (fields: FailureFields): Denied => failure('denied', fields);
export const invalid = (fields: FailureFields): Invalid => failure('invalid', fields);
export const terminal = (fields: FailureFields): Terminal => failure('terminal', fields);

type Where = Pick<FailureFields, 'service' | 'operation' | 'resource'>;

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A read the agent stopped waiting for (its own deadline, beyond the SDK's timeouts). */
export const timedOut = (where: Where, ms: number): Transient =>
  transient({ ...where, code: 'Timeout', message: `no answer within ${ms} ms` });

/** An answer that arrived but does not say what it must (a body that is not JSON, a missing field). */
export const malformed = (where: Where, message: string): Transient =>
  transient({ ...where, code: 'Malformed', message });

/** The journal entry before a listener delete could not be written: nothing was deleted. */
export const journalFailed = (loadBalancerName: string, e: unknown): JournalFailed => ({
  type: 'journal',
  service: 'journal',
  operation: 'JournalWrite',
  resource: loadBalancerName,
  code: 'JournalWriteFailed',
  message: `the journal could not be written, nothing was deleted: ${messageOf(e)}`,
});

/** Whatever an adapter threw where it promised an Either. */
export const unexpected = (where: Where, e: unknown): Unexpected => ({
  type: 'unexpected',
  ...where,
  code: 'Unexpected',
  message: messageOf(e),
});

/** The same failure with another message (a restore that failed after a create that failed). */
export const withMessage = <F extends Failure>(f: F, message: string): F => ({ ...f, message });
