import * as E from 'fp-ts/lib/Either.js';
import type { AwsError, AwsService } from './aws-error.js';

/** Builds an AwsError; the one place its shape is spelled out. */
export const awsError = (fields: Omit<AwsError, '_tag'>): AwsError => ({ _tag: 'AwsError', ...fields });

/** Codes AWS uses for "slow down": each service spells it its own way. */
const THROTTLING_CODES = new Set([
  'Throttling', // ELB (query protocol)
  'ThrottlingException', // ECS (JSON 1.1)
  'SlowDown', // S3
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Credentials that expired or could not be fetched right now: the SDK fetches new ones on the next call. */
const TRANSIENT_CREDENTIAL_CODES = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'CredentialsProviderError',
  'IDPCommunicationError',
]);

/** Node and undici error codes that mean the request never got an answer. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * ELB's modelled exceptions carry AWS's code in `Code` when they come off the wire; built by hand (tests,
 * mocks) they only have the exception name. Both map to AWS's code, so callers match one spelling.
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

const TIMEOUT_NAMES = new Set(['TimeoutError', 'AbortError', 'RequestTimeout']);

/** SDK error names that carry no AWS code (an empty error body): the HTTP status is all there is. */
const GENERIC_NAMES = new Set(['Error', 'Unknown', 'UnknownError', '']);

interface ErrorFields {
  readonly name: string;
  readonly message: string;
  /** ELB's query protocol keeps AWS's own code here (`LoadBalancerNotFound` for `AccessPointNotFoundException`). */
  readonly awsCode: string | undefined;
  /** Node's `code` (`ECONNREFUSED`, `ENOENT`, …). */
  readonly nodeCode: string | undefined;
  readonly status: number | undefined;
}

const stringField = (value: object, key: string): string | undefined => {
  const field: unknown = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : undefined;
};

const statusOf = (value: object): number | undefined => {
  const metadata: unknown = (value as Record<string, unknown>).$metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const status: unknown = (metadata as Record<string, unknown>).httpStatusCode;
  return typeof status === 'number' ? status : undefined;
};

/** The cause chain of a fetch error holds the socket error (`fetch failed` → `ECONNREFUSED`). */
const nodeCodeOf = (value: object): string | undefined => {
  const own = stringField(value, 'code');
  if (own !== undefined) return own;
  const cause: unknown = (value as Record<string, unknown>).cause;
  return typeof cause === 'object' && cause !== null ? nodeCodeOf(cause) : undefined;
};

const fieldsOf = (error: unknown): ErrorFields => {
  if (typeof error !== 'object' || error === null) {
    return { name: '', message: String(error), awsCode: undefined, nodeCode: undefined, status: undefined };
  }
  return {
    name: stringField(error, 'name') ?? '',
    message: stringField(error, 'message') ?? String(error),
    awsCode: stringField(error, 'Code'),
    nodeCode: nodeCodeOf(error),
    status: statusOf(error),
  };
};

const codeFromStatus = (status: number | undefined): string | undefined => {
  if (status === undefined) return undefined;
  if (status === 304) return 'NotModified';
  if (status === 401 || status === 403) return 'AccessDenied';
  if (status === 404) return 'NotFound';
  if (status === 429) return 'Throttling';
  if (status >= 500) return 'ServerError';
  return undefined;
};

const isNetwork = (f: ErrorFields): boolean =>
  (f.nodeCode !== undefined && NETWORK_CODES.has(f.nodeCode)) || /socket hang up/i.test(f.message);

/**
 * Classifies anything an SDK call, fetch or fs call threw. Retryable: throttling (ELB `Throttling`, ECS
 * `ThrottlingException`, S3 `SlowDown`), any 5xx, network errors, timeouts and expired or momentarily
 * unavailable credentials. Everything else (access
 * denied, not found, validation, other 4xx) is terminal: retrying cannot help.
 */
export const toAwsError = (
  error: unknown,
  service: AwsService,
  operation: string,
  resource: string | undefined,
): AwsError => {
  const f = fieldsOf(error);
  const base = { service, operation, resource, message: f.message };
  if (TIMEOUT_NAMES.has(f.name) || f.nodeCode === 'ETIMEDOUT' || f.nodeCode === 'UND_ERR_CONNECT_TIMEOUT') {
    return awsError({ ...base, retryable: true, code: 'Timeout' });
  }
  if (isNetwork(f)) return awsError({ ...base, retryable: true, code: 'Network' });
  const code =
    f.awsCode ??
    ELB_CODES[f.name] ??
    (GENERIC_NAMES.has(f.name) ? undefined : f.name) ??
    codeFromStatus(f.status) ??
    'Unknown';
  const retryable =
    THROTTLING_CODES.has(code) ||
    TRANSIENT_CREDENTIAL_CODES.has(code) ||
    (f.status !== undefined && f.status >= 500) ||
    code === 'ServerError';
  return awsError({ ...base, retryable, code });
};

/** Runs one call and turns whatever it throws into an AwsError value. */
export const attempt = async <A>(
  service: AwsService,
  operation: string,
  resource: string | undefined,
  call: () => Promise<A>,
): Promise<E.Either<AwsError, A>> => {
  try {
    return E.right(await call());
  } catch (error) {
    return E.left(toAwsError(error, service, operation, resource));
  }
};
