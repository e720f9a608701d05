import * as E from 'fp-ts/lib/Either.js';
import { type ElbError, validationError } from './elb-error.js';
import type { SimHealthCheck } from './load-balancer.js';
import { validPort } from './port.js';

/**
 * AWS's rules for a Classic ELB health check (API reference, HealthCheck): Target `TCP:port`,
 * `SSL:port`, `HTTP:port/path` or `HTTPS:port/path` (the protocol in any case, at most 1024
 * characters), Interval 5-300, Timeout 2-60 and less than Interval, both thresholds 2-10.
 */

const MAX_TARGET_LENGTH = 1024;
const TARGET = /^([A-Za-z]+):(\d+)(.*)$/s;

/** The port the target probes, or undefined for a target AWS refuses. */
export const targetPort = (target: string): number | undefined => {
  const match = target.length <= MAX_TARGET_LENGTH ? TARGET.exec(target) : null;
  if (match === null) return undefined;
  const [, protocol = '', rawPort = '', path = ''] = match;
  const port = Number(rawPort);
  if (!validPort(port)) return undefined;
  switch (protocol.toUpperCase()) {
    case 'TCP':
    case 'SSL':
      return path === '' ? port : undefined;
    case 'HTTP':
    case 'HTTPS':
      return path.startsWith('/') ? port : undefined;
    default:
      return undefined;
  }
};

/** AWS stores and answers the target with its protocol in upper case. */
export const storedTarget = (target: string): string => {
  const colon = target.indexOf(':');
  return `${target.slice(0, colon).toUpperCase()}${target.slice(colon)}`;
};

/** The health check as AWS stores it. */
export const storedHealthCheck = (hc: SimHealthCheck): SimHealthCheck => ({
  target: storedTarget(hc.target),
  interval: hc.interval,
  timeout: hc.timeout,
  unhealthyThreshold: hc.unhealthyThreshold,
  healthyThreshold: hc.healthyThreshold,
});

const checkRange = (field: string, value: number, min: number, max: number): E.Either<ElbError, number> =>
  !Number.isInteger(value)
    ? validationError(
        `1 validation error detected: Value '${value}' at 'healthCheck.${field}' must be an integer`,
      )
    : value < min
      ? validationError(
          `1 validation error detected: Value '${value}' at 'healthCheck.${field}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
        )
      : value > max
        ? validationError(
            `1 validation error detected: Value '${value}' at 'healthCheck.${field}' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
          )
        : E.right(value);

/** AWS's checks on ConfigureHealthCheck: the target's syntax and every range. */
export const validateHealthCheck = (hc: SimHealthCheck): E.Either<ElbError, SimHealthCheck> => {
  if (targetPort(hc.target) === undefined) {
    return validationError(
      `Invalid HealthCheck Target '${hc.target}': expected TCP:port, SSL:port, HTTP:port/path or HTTPS:port/path`,
    );
  }
  const checks = [
    checkRange('interval', hc.interval, 5, 300),
    checkRange('timeout', hc.timeout, 2, 60),
    checkRange('healthyThreshold', hc.healthyThreshold, 2, 10),
    checkRange('unhealthyThreshold', hc.unhealthyThreshold, 2, 10),
  ];
  for (const check of checks) if (E.isLeft(check)) return check;
  if (hc.timeout >= hc.interval) return validationError('HealthCheck Timeout must be less than Interval');
  return E.right(hc);
};
