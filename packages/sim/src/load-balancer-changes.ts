import type { SimHealthCheck, SimListener, SimLoadBalancer } from './load-balancer.js';

/**
 * What each Classic ELB operation does to a load balancer once AWS has accepted it, from the API
 * reference: pure, so that a refused request leaves nothing behind.
 */

/** CreateLoadBalancerListeners: new ports get their listeners, with no policies; listeners are added after the others. */
export const withListeners = (lb: SimLoadBalancer, created: readonly SimListener[]): SimLoadBalancer => ({
  ...lb,
  listeners: [...lb.listeners, ...created],
});

/**
 * DeleteLoadBalancerListeners: the listeners on these load balancer ports go, with their policy list
 * (the policies themselves stay on the load balancer); a port with no listener is not an error.
 */
export const withoutListeners = (lb: SimLoadBalancer, ports: readonly number[]): SimLoadBalancer => ({
  ...lb,
  listeners: lb.listeners.filter((l) => !ports.includes(l.loadBalancerPort)),
});

/** SetLoadBalancerPoliciesOfListener: the list replaces the listener's; an empty list clears it. */
export const withListenerPolicies = (
  lb: SimLoadBalancer,
  loadBalancerPort: number,
  policyNames: readonly string[],
): SimLoadBalancer => ({
  ...lb,
  listeners: lb.listeners.map((l) =>
    l.loadBalancerPort === loadBalancerPort ? { ...l, policyNames: [...policyNames] } : l,
  ),
});

/**
 * SetLoadBalancerPoliciesForBackendServer: the list replaces the instance port's; an empty list removes
 * the port from BackendServerDescriptions.
 */
export const withBackendServerPolicies = (
  lb: SimLoadBalancer,
  instancePort: number,
  policyNames: readonly string[],
): SimLoadBalancer => {
  const entry = { instancePort, policyNames: [...policyNames] };
  const known = lb.backendServers.some((b) => b.instancePort === instancePort);
  const backendServers =
    policyNames.length === 0
      ? lb.backendServers.filter((b) => b.instancePort !== instancePort)
      : known
        ? lb.backendServers.map((b) => (b.instancePort === instancePort ? entry : b))
        : [...lb.backendServers, entry];
  return { ...lb, backendServers };
};

/** ConfigureHealthCheck replaces the whole check. */
export const withHealthCheck = (lb: SimLoadBalancer, healthCheck: SimHealthCheck): SimLoadBalancer => ({
  ...lb,
  healthCheck,
});

/** RegisterInstancesWithLoadBalancer: an instance already registered stays where it is. */
export const withInstance = (lb: SimLoadBalancer, instanceId: string): SimLoadBalancer =>
  lb.instances.includes(instanceId) ? lb : { ...lb, instances: [...lb.instances, instanceId] };

/** DeregisterInstancesFromLoadBalancer: the instances left are the answer. */
export const withoutInstance = (lb: SimLoadBalancer, instanceId: string): SimLoadBalancer => ({
  ...lb,
  instances: lb.instances.filter((i) => i !== instanceId),
});
