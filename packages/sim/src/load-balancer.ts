import * as t from 'io-ts';

/**
 * A Classic ELB as the sim stores it and DescribeLoadBalancers answers it (API version 2012-06-01):
 * protocols in AWS's canonical upper case, the instance protocol always filled in, listener policies
 * with their listener and backend-server policies by instance port. Plain strings: the sim speaks
 * AWS's wire, not Statika's types.
 */

export const HealthCheckSpec = t.type({
  /** `TCP:port`, `SSL:port`, `HTTP:port/path` or `HTTPS:port/path`. */
  target: t.string,
  interval: t.number,
  timeout: t.number,
  unhealthyThreshold: t.number,
  healthyThreshold: t.number,
});
export type SimHealthCheck = t.TypeOf<typeof HealthCheckSpec>;

/** A listener as CreateLoadBalancerListeners takes it; a scenario may give its policies too. */
export const ListenerSpec = t.intersection([
  t.type({ protocol: t.string, loadBalancerPort: t.number, instancePort: t.number }),
  t.partial({ instanceProtocol: t.string, sslCertificateId: t.string, policyNames: t.array(t.string) }),
]);
export type ListenerSpec = t.TypeOf<typeof ListenerSpec>;

export const BackendServerSpec = t.type({ instancePort: t.number, policyNames: t.array(t.string) });
export type SimBackendServer = t.TypeOf<typeof BackendServerSpec>;

/** A stored listener: a ListenerDescription's Listener and its PolicyNames. */
export interface SimListener {
  /** HTTP, HTTPS, TCP or SSL. */
  readonly protocol: string;
  readonly loadBalancerPort: number;
  /** HTTP, HTTPS, TCP or SSL; AWS fills it in when the request leaves it out. */
  readonly instanceProtocol: string;
  readonly instancePort: number;
  readonly sslCertificateId?: string;
  readonly policyNames: string[];
}

export interface SimLoadBalancer {
  readonly name: string;
  readonly listeners: SimListener[];
  /** Only instance ports with policies: an empty policy list removes the entry. */
  readonly backendServers: SimBackendServer[];
  readonly healthCheck: SimHealthCheck;
  /** Registered EC2 instance ids, in registration order. */
  readonly instances: string[];
}
