import { classifyFailure } from './classify-failure.js';
import { denied, type Failure, type FailureSource, invalid, notFound, transient } from './failure.js';

/**
 * The failures of reading a Statika file, by what an operator does about them: `not-found` and `denied`
 * (fix the URL or the permissions), `invalid` (`TooLarge`), `transient` (`Timeout`, `Network`), or
 * whatever AWS answered.
 */
export const tooLarge = (
  service: FailureSource,
  operation: string,
  url: string,
  bytes: number,
  max: number,
): Failure =>
  invalid({
    service,
    operation,
    resource: url,
    code: 'TooLarge',
    message: `${url} is ${bytes} bytes, more than the ${max} bytes a Statika file may have`,
  });

/** The OS's spellings of the two failures an operator fixes by hand (AWS's are classified already). */
const FILE_SYSTEM_CODES: Readonly<Record<string, 'not-found' | 'denied'>> = {
  ENOENT: 'not-found',
  ENOTDIR: 'not-found',
  EACCES: 'denied',
  EPERM: 'denied',
};

/** One code a kind, whatever the source spells it (`ENOENT`, `NoSuchKey`, a 404), and what it means. */
const READ_CODES: Partial<Record<Failure['type'], { readonly code: string; readonly explanation: string }>> =
  {
    'not-found': { code: 'NotFound', explanation: 'not found' },
    denied: { code: 'AccessDenied', explanation: 'access denied' },
  };

const EXPLANATIONS: Readonly<Record<string, string>> = {
  Timeout: 'no answer in time',
  Network: 'unreachable',
};

const nodeCode = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const code: unknown = (error as Record<string, unknown>).code;
  return typeof code === 'string' ? code : undefined;
};

type Where = { readonly service: FailureSource; readonly operation: string; readonly resource: string };

const timedOut = (where: Where, message: string): Failure =>
  transient({ ...where, code: 'Timeout', message });

/** What the file system said, else what the classification of an AWS or HTTP answer says. */
const classifyRead = (error: unknown, where: Where, timedOutByUs: boolean): Failure => {
  const classified = classifyFailure(error, where.service, where.operation, where.resource);
  if (timedOutByUs) return timedOut(where, classified.message);
  const fields = { ...where, code: classified.code, message: classified.message };
  const fileSystem = FILE_SYSTEM_CODES[nodeCode(error) ?? ''];
  if (fileSystem === undefined) return classified;
  return fileSystem === 'not-found' ? notFound(fields) : denied(fields);
};

/**
 * Classifies a failed read, with the URL in its message. `timedOutByUs` is whether our own timeout fired
 * (the SDK and fetch then throw an abort error that says nothing about why).
 */
export const readError = (
  error: unknown,
  service: FailureSource,
  operation: string,
  url: string,
  timedOutByUs: boolean,
): Failure => {
  const read = classifyRead(error, { service, operation, resource: url }, timedOutByUs);
  const known = READ_CODES[read.type];
  const code = known?.code ?? read.code;
  const explanation = known?.explanation ?? EXPLANATIONS[code];
  const message = `${url}: ${explanation !== undefined ? `${explanation} (${read.message})` : read.message}`;
  return { ...read, code, message };
};
