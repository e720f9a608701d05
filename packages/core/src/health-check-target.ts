import * as E from 'fp-ts/lib/Either.js';

/**
 * A Classic ELB health check target, parsed: `TCP:port`, `SSL:port`, `HTTP:port/path`, `HTTPS:port/path`.
 * Targets are compared parsed, never as strings, so `http:80/` and `HTTP:80/` are the same target.
 */
export type HealthCheckTarget =
  | { readonly protocol: 'TCP' | 'SSL'; readonly port: number }
  | { readonly protocol: 'HTTP' | 'HTTPS'; readonly port: number; readonly path: string };

export type HealthCheckTargetError =
  | { readonly type: 'UnknownProtocol'; readonly target: string }
  | { readonly type: 'InvalidPort'; readonly target: string }
  | { readonly type: 'MissingPath'; readonly target: string }
  | { readonly type: 'UnexpectedPath'; readonly target: string }
  | { readonly type: 'TooLong'; readonly target: string };

const MAX_TARGET_LENGTH = 1024;
const TARGET = /^([A-Za-z]+):(\d+)(.*)$/s;

const validPort = (n: number) => Number.isInteger(n) && n >= 1 && n <= 65535;

export const parseHealthCheckTarget = (
  target: string,
): E.Either<HealthCheckTargetError, HealthCheckTarget> => {
  if (target.length > MAX_TARGET_LENGTH) return E.left({ type: 'TooLong', target });
  const match = TARGET.exec(target);
  if (!match) return E.left({ type: 'UnknownProtocol', target });
  const [, rawProtocol = '', rawPort = '', rest = ''] = match;
  const protocol = rawProtocol.toUpperCase();
  const port = Number(rawPort);
  if (!validPort(port)) return E.left({ type: 'InvalidPort', target });
  switch (protocol) {
    case 'TCP':
    case 'SSL':
      return rest === '' ? E.right({ protocol, port }) : E.left({ type: 'UnexpectedPath', target });
    case 'HTTP':
    case 'HTTPS':
      return rest.startsWith('/')
        ? E.right({ protocol, port, path: rest })
        : E.left({ type: 'MissingPath', target });
    default:
      return E.left({ type: 'UnknownProtocol', target });
  }
};

export const printHealthCheckTarget = (target: HealthCheckTarget): string =>
  target.protocol === 'HTTP' || target.protocol === 'HTTPS'
    ? `${target.protocol}:${target.port}${target.path}`
    : `${target.protocol}:${target.port}`;

export const describeHealthCheckTargetError = (error: HealthCheckTargetError): string => {
  switch (error.type) {
    case 'UnknownProtocol':
      return `health check target "${error.target}": expected TCP:port, SSL:port, HTTP:port/path or HTTPS:port/path`;
    case 'InvalidPort':
      return `health check target "${error.target}": the port must be 1..65535`;
    case 'MissingPath':
      return `health check target "${error.target}": HTTP and HTTPS targets need a path starting with /`;
    case 'UnexpectedPath':
      return `health check target "${error.target}": TCP and SSL targets take no path`;
    case 'TooLong':
      return `health check target is longer than ${MAX_TARGET_LENGTH} characters`;
  }
};
