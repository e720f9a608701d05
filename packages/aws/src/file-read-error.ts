import type { AwsError, AwsService } from './aws-error.js';
import { awsError, toAwsError } from './errors.js';

/**
 * The errors of reading a Statika file, one code per thing an operator has to fix: NotFound,
 * AccessDenied, TooLarge (terminal), Timeout, Network (retryable), or AWS's own code.
 */
export const tooLarge = (
  service: AwsService,
  operation: string,
  url: string,
  bytes: number,
  max: number,
): AwsError =>
  awsError({
    retryable: false,
    service,
    operation,
    resource: url,
    code: 'TooLarge',
    message: `${url} is ${bytes} bytes, more than the ${max} bytes a Statika file may have`,
  });

/** AWS's and the OS's spellings of the two errors an operator fixes by hand. */
const FILE_CODES: Readonly<Record<string, 'NotFound' | 'AccessDenied'>> = {
  NoSuchKey: 'NotFound',
  NoSuchBucket: 'NotFound',
  NotFound: 'NotFound',
  ENOENT: 'NotFound',
  ENOTDIR: 'NotFound',
  AccessDenied: 'AccessDenied',
  Forbidden: 'AccessDenied',
  EACCES: 'AccessDenied',
  EPERM: 'AccessDenied',
};

const EXPLANATIONS: Readonly<Record<string, string>> = {
  NotFound: 'not found',
  AccessDenied: 'access denied',
  Timeout: 'no answer in time',
  Network: 'unreachable',
};

const nodeCode = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const code: unknown = (error as Record<string, unknown>).code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Classifies a failed read. `timedOut` is whether our own timeout fired (the SDK and fetch then throw an
 * abort error that says nothing about why).
 */
export const readError = (
  error: unknown,
  service: AwsService,
  operation: string,
  url: string,
  timedOut: boolean,
): AwsError => {
  const classified = toAwsError(error, service, operation, url);
  const fileCode = FILE_CODES[nodeCode(error) ?? ''] ?? FILE_CODES[classified.code];
  const code = timedOut ? 'Timeout' : (fileCode ?? classified.code);
  const retryable = code === 'Timeout' || (fileCode === undefined && classified.retryable);
  const explanation = EXPLANATIONS[code];
  return awsError({
    ...classified,
    code,
    retryable,
    message: `${url}: ${explanation !== undefined ? `${explanation} (${classified.message})` : classified.message}`,
  });
};
