import * as E from 'fp-ts/lib/Either.js';
import { type ElbError, elbError, validationError } from './elb-error.js';
import type { ListenerSpec, SimListener } from './load-balancer.js';
import { validPort } from './port.js';

/**
 * AWS's rules for Classic ELB listeners, from the API reference (Listener, CreateLoadBalancerListeners):
 * protocols HTTP, HTTPS, TCP and SSL, named in any case and stored in upper case; the front end and the
 * back end both layer 7 (HTTP, HTTPS) or both layer 4 (TCP, SSL); secure front ends need a certificate;
 * listeners sharing an instance port agree on whether the back end is secure.
 */

const PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'SSL'];
const isLayer7 = (protocol: string): boolean => protocol === 'HTTP' || protocol === 'HTTPS';
const isSecure = (protocol: string): boolean => protocol === 'HTTPS' || protocol === 'SSL';

/** With no InstanceProtocol, AWS uses the plain protocol of the front end's layer. */
const defaultInstanceProtocol = (protocol: string): string => (isLayer7(protocol) ? 'HTTP' : 'TCP');

/** A listener as AWS stores it: protocols upper case, the instance protocol filled in. */
export const storedListener = (l: ListenerSpec): SimListener => {
  const protocol = l.protocol.toUpperCase();
  return {
    protocol,
    loadBalancerPort: l.loadBalancerPort,
    instanceProtocol: (l.instanceProtocol || defaultInstanceProtocol(protocol)).toUpperCase(),
    instancePort: l.instancePort,
    ...(l.sslCertificateId ? { sslCertificateId: l.sslCertificateId } : {}),
    policyNames: [...(l.policyNames ?? [])],
  };
};

/**
 * The settings that make a listener, as DuplicateListener names them (instance port, protocol, SSL
 * certificate) with the port and the instance protocol; policies are set apart and do not count.
 */
export const sameListenerSettings = (a: SimListener, b: SimListener): boolean =>
  a.loadBalancerPort === b.loadBalancerPort &&
  a.instancePort === b.instancePort &&
  a.protocol === b.protocol &&
  a.instanceProtocol === b.instanceProtocol &&
  (a.sslCertificateId ?? '') === (b.sslCertificateId ?? '');

/** AWS's checks on one listener to create, on its own: protocols, ports, certificate. */
export const checkListener = (raw: ListenerSpec): E.Either<ElbError, SimListener> => {
  const listener = storedListener({ ...raw, policyNames: [] });
  const { protocol, instanceProtocol } = listener;
  if (!PROTOCOLS.includes(protocol)) return validationError(`Invalid Protocol '${raw.protocol}'`);
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
  if (isSecure(protocol) && !raw.sslCertificateId)
    return validationError(`SSLCertificateId is required for ${protocol} listeners`);
  if (raw.sslCertificateId && !/^arn:aws:(iam|acm):.+/.test(raw.sslCertificateId)) {
    return elbError(
      'CertificateNotFound',
      `The specified SSL certificate '${raw.sslCertificateId}' could not be found`,
    );
  }
  return E.right(listener);
};

/**
 * CreateLoadBalancerListeners' checks and answer: the listeners to add. A port that has a listener with
 * the same settings is accepted and left as it is (its policies too); other settings: DuplicateListener.
 */
export const listenersToCreate = (
  loadBalancerName: string,
  existing: readonly SimListener[],
  requested: readonly ListenerSpec[],
): E.Either<ElbError, SimListener[]> => {
  if (requested.length === 0) return validationError('Listeners must not be empty');
  const accepted: SimListener[] = [];
  for (const raw of requested) {
    const checked = checkListener(raw);
    if (E.isLeft(checked)) return checked;
    const listener = checked.right;
    const all = [...existing, ...accepted];
    const taken = all.find((l) => l.loadBalancerPort === listener.loadBalancerPort);
    if (taken !== undefined && !sameListenerSettings(taken, listener)) {
      return elbError(
        'DuplicateListener',
        `A listener already exists for ${loadBalancerName} with LoadBalancerPort ${listener.loadBalancerPort}, but with a different InstancePort, Protocol, or SSLCertificateId`,
      );
    }
    if (taken !== undefined) continue;
    const peers = checkInstancePortPeers(listener, all);
    if (E.isLeft(peers)) return peers;
    accepted.push(listener);
  }
  return E.right(accepted);
};

/** Listeners on one instance port are all secure to the instance (HTTPS, SSL) or all plain (HTTP, TCP). */
export const checkInstancePortPeers = (
  listener: SimListener,
  others: readonly SimListener[],
): E.Either<ElbError, SimListener> => {
  const clash = others.find(
    (o) =>
      o.instancePort === listener.instancePort &&
      isSecure(o.instanceProtocol) !== isSecure(listener.instanceProtocol),
  );
  return clash === undefined
    ? E.right(listener)
    : elbError(
        'InvalidConfigurationRequest',
        `Instance port ${listener.instancePort} is already used with instance protocol ${clash.instanceProtocol} by the listener on port ${clash.loadBalancerPort}: ${listener.instanceProtocol} cannot share it`,
      );
};
