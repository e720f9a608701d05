import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import * as E from 'fp-ts/lib/Either.js';
import {
  type AnswerFailureType,
  type Failure,
  type FailureFields,
  type FailureSource,
  failure,
  transient,
} from './failure.js';

/** The AWS codes that decide what a caller does, each mapped once. */
const KNOWN_CODES: Readonly<Record<string, AnswerFailureType>> = {
  // ELB: a missing name is absorbed (the others are read again); a duplicate listener is another host's.
  LoadBalancerNotFound: 'not-found',
  DuplicateListener: 'conflict',
  // ECS: the configured cluster does not exist.
  ClusterNotFoundException: 'not-found',
  // S3: the file is not there.
  NoSuchKey: 'not-found',
  NoSuchBucket: 'not-found',
  // Permissions: an IAM policy without the action.
  AccessDenied: 'denied',
  AccessDeniedException: 'denied',
  UnauthorizedOperation: 'denied',
  // Credentials that expired or could not be fetched just now: the SDK fetches new ones on the next call.
  ExpiredToken: 'transient',
  ExpiredTokenException: 'transient',
  RequestExpired: 'transient',
  CredentialsProviderError: 'transient',
  IDPCommunicationError: 'transient',
};

/**
 * ELB's modelled exceptions carry AWS's code in `Code` when they come off the wire; built by hand (tests,
 * mocks) they only have the exception name. Both read as AWS's code, so operators see one spelling.
 */
const ELB_CODES: Readonly<Record<string, string>> = {
  AccessPointNotFoundException: 'LoadBalancerNotFound',
  DuplicateListenerException: 'DuplicateListener',
  ListenerNotFoundException: 'ListenerNotFound',
  InvalidEndPointException: 'InvalidInstance',
  CertificateNotFoundException: 'CertificateNotFound',
  InvalidConfigurationRequestException: 'InvalidConfigurationRequest',
  PolicyNotFoundException: 'PolicyNotFound',
  TooManyTagsException: 'TooManyTags',
  DuplicateTagKeysException: 'DuplicateTagKeys',
};

/** SDK error names that carry no AWS code (an empty error body): the HTTP status is all there is. */
const GENERIC_NAMES = new Set(['Error', 'Unknown', 'UnknownError', '']);

/** What an SDK call, fetch or fs call threw, as far as classifying it needs. */
interface Thrown {
  readonly name: string;
  readonly message: string;
  /** ELB's query protocol keeps AWS's own code here (`LoadBalancerNotFound` for `AccessPointNotFoundException`). */
  readonly awsCode: string | undefined;
  /** Node's `code` (`ECONNREFUSED`, `ENOENT`, …), from the error or its cause chain. */
  readonly nodeCode: string | undefined;
  readonly status: number | undefined;
  readonly fault: string | undefined;
  /** The error itself, for the SDK's classifiers (which read `$retryable`, `$metadata`, `cause`). */
  readonly error: { readonly name: string; readonly message: string };
}

const field = (value: object, key: string): unknown => (value as Record<string, unknown>)[key];
const stringField = (value: object, key: string): string | undefined => {
  const f = field(value, key);
  return typeof f === 'string' ? f : undefined;
};

const statusOf = (value: object): number | undefined => {
  const metadata = field(value, '$metadata');
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const status = field(metadata, 'httpStatusCode');
  return typeof status === 'number' ? status : undefined;
};

/** The cause chain of a fetch error holds the socket error (`fetch failed` → `ECONNREFUSED`). */
const nodeCodeOf = (value: object): string | undefined => {
  const own = stringField(value, 'code');
  if (own !== undefined) return own;
  const cause = field(value, 'cause');
  return typeof cause === 'object' && cause !== null ? nodeCodeOf(cause) : undefined;
};

const thrownOf = (error: unknown): Thrown => {
  if (typeof error !== 'object' || error === null) {
    const message = String(error);
    const plain = { name: '', message };
    return {
      ...plain,
      awsCode: undefined,
      nodeCode: undefined,
      status: undefined,
      fault: undefined,
      error: plain,
    };
  }
  const name = stringField(error, 'name') ?? '';
  const message = stringField(error, 'message') ?? String(error);
  return {
    name,
    message,
    awsCode: stringField(error, 'Code'),
    nodeCode: nodeCodeOf(error),
    status: statusOf(error),
    fault: stringField(error, '$fault'),
    error: error as Thrown['error'],
  };
};

const isTimeout = (t: Thrown): boolean =>
  ['TimeoutError', 'AbortError', 'RequestTimeout'].includes(t.name) ||
  t.nodeCode === 'ETIMEDOUT' ||
  t.nodeCode === 'UND_ERR_CONNECT_TIMEOUT';

/** The code an operator reads: AWS's own, else the status's meaning. */
const codeOf = (t: Thrown): string => {
  const named = t.awsCode ?? ELB_CODES[t.name] ?? (GENERIC_NAMES.has(t.name) ? undefined : t.name);
  if (named !== undefined) return named;
  const s = t.status;
  if (s === 304) return 'NotModified';
  if (s === 401 || s === 403) return 'AccessDenied';
  if (s === 404) return 'NotFound';
  if (s === 429) return 'Throttling';
  if (s !== undefined && s >= 500) return 'ServerError';
  return 'Unknown';
};

/** What the SDK and the HTTP status say, when no code of ours decides it. */
const typeOf = (t: Thrown, code: string): AnswerFailureType => {
  if (isThrottlingError(t.error)) return 'throttled';
  if (isTransientError(t.error) || isServerError(t.error) || t.fault === 'server') return 'transient';
  const known = KNOWN_CODES[code];
  if (known !== undefined) return known;
  if (t.status === 401 || t.status === 403) return 'denied';
  if (t.status === 404) return 'not-found';
  if (t.status !== undefined && t.status >= 500) return 'transient';
  if (t.fault === 'client' || (t.status !== undefined && t.status >= 400)) return 'invalid';
  return 'terminal';
};

/**
 * Classifies anything an SDK call, fetch or fs call threw, from what the SDK already knows (its
 * throttling and transient-error classifiers, `$retryable`, `$fault`, the HTTP status) and the few AWS
 * codes that decide a caller's next step. Timeouts and network errors are `transient` with the codes
 * `Timeout` and `Network`.
 */
export const classifyFailure = (
  error: unknown,
  service: FailureSource,
  operation: string,
  resource: string | undefined,
): Failure => {
  const t = thrownOf(error);
  const where = { service, operation, resource, message: t.message };
  if (isTimeout(t)) return transient({ ...where, code: 'Timeout' });
  if (t.nodeCode !== undefined && t.status === undefined && isTransientError(t.error)) {
    return transient({ ...where, code: 'Network' });
  }
  const code = codeOf(t);
  return failure(typeOf(t, code), { ...where, code } satisfies FailureFields);
};

/** Runs one call and turns whatever it throws into a Failure value. */
export const attempt = async <A>(
  service: FailureSource,
  operation: string,
  resource: string | undefined,
  call: () => Promise<A>,
): Promise<E.Either<Failure, A>> => {
  try {
    return E.right(await call());
  } catch (error) {
    return E.left(classifyFailure(error, service, operation, resource));
  }
};
