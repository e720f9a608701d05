import type { Listener } from './observation.js';

/** Protocols compare case-insensitively: AWS answers in upper case, other tools may write lower case. */
export const sameProtocol = (a: string | undefined, b: string | undefined): boolean =>
  (a ?? '').toUpperCase() === (b ?? '').toUpperCase();

/** An absent field and an empty string are the same (sslCertificateId, instanceProtocol). */
export const sameOptional = (a: string | undefined, b: string | undefined): boolean =>
  (a ?? '') === (b ?? '');

/** Two listeners that AWS would treat as the same (policy names aside, which are set separately). */
export const sameListener = (a: Listener, b: Listener): boolean =>
  a.loadBalancerPort === b.loadBalancerPort &&
  a.instancePort === b.instancePort &&
  sameProtocol(a.protocol, b.protocol) &&
  sameProtocol(a.instanceProtocol, b.instanceProtocol) &&
  sameOptional(a.sslCertificateId, b.sslCertificateId);
