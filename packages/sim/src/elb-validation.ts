import { type HealthCheck, type Listener, parseHealthCheckTarget } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { type ElbError, elbError, validationError } from './elb-error.js';

const PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'SSL'];

const defaultInstanceProtocol = (protocol: string): string =>
  protocol === 'HTTP' || protocol === 'HTTPS' ? 'HTTP' : 'TCP';
const isLayer7 = (protocol: string): boolean => protocol === 'HTTP' || protocol === 'HTTPS';

/** A listener as AWS stores it: protocols upper case, the instance protocol filled in, no policies yet. */
export const normalizeListener = (l: Listener): Listener => {
  const protocol = l.protocol.toUpperCase();
  return {
    protocol,
    loadBalancerPort: l.loadBalancerPort,
    instancePort: l.instancePort,
    instanceProtocol: (l.instanceProtocol ?? defaultInstanceProtocol(protocol)).toUpperCase(),
    ...(l.sslCertificateId ? { sslCertificateId: l.sslCertificateId } : {}),
    policyNames: [...l.policyNames],
  };
};

export const validPort = (n: number) => Number.isInteger(n) && n >= 1 && n <= 65535;

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
export const validateHealthCheck = (hc: HealthCheck): E.Either<ElbError, HealthCheck> => {
  const target = parseHealthCheckTarget(hc.target);
  if (E.isLeft(target)) {
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

/** AWS answers the target with its protocol in upper case. */
export const normalizedTarget = (target: string): string => {
  const colon = target.indexOf(':');
  return `${target.slice(0, colon).toUpperCase()}${target.slice(colon)}`;
};

/** AWS's checks on a listener to create: protocols, ports, certificate. */
export const checkListener = (raw: Listener): E.Either<ElbError, Listener> => {
  const protocol = raw.protocol.toUpperCase();
  if (!PROTOCOLS.includes(protocol)) return validationError(`Invalid Protocol '${raw.protocol}'`);
  const instanceProtocol = (raw.instanceProtocol ?? defaultInstanceProtocol(protocol)).toUpperCase();
  if (!PROTOCOLS.includes(instanceProtocol))
    return validationError(`Invalid InstanceProtocol '${raw.instanceProtocol}'`);
  if (!validPort(raw.loadBalancerPort))
    return validationError(`Invalid LoadBalancerPort ${raw.loadBalancerPort}`);
  if (!validPort(raw.instancePort)) return validationError(`Invalid InstancePort ${raw.instancePort}`);
  if (isLayer7(protocol) !== isLayer7(instanceProtocol)) {
    return elbError(
      'InvalidConfigurationRequest',
      `Listener protocol ${protocol} and instance protocol ${instanceProtocol} must be both layer 7 (HTTP, HTTPS) or both layer 4 (TCP, SSL)`,
    );
  }
  const secure = protocol === 'HTTPS' || protocol === 'SSL';
  if (secure && !raw.sslCertificateId)
    return validationError(`SSLCertificateId is required for ${protocol} listeners`);
  if (raw.sslCertificateId && !/^arn:aws:(iam|acm):.+/.test(raw.sslCertificateId)) {
    return elbError(
      'CertificateNotFound',
      `The specified SSL certificate '${raw.sslCertificateId}' could not be found`,
    );
  }
  return E.right(normalizeListener({ ...raw, policyNames: [] }));
};
