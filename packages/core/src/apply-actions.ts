import { absurd } from 'fp-ts/lib/function.js';
import type { Action } from './action.js';
import type { BackendServer, LoadBalancer, Observation } from './observation.js';

/**
 * The pure model of what AWS does with each action, in order: the observation a later read would give.
 * Used by the property tests (a plan applied to its observation leaves nothing to do) and by the sim.
 * Actions on a load balancer the observation lacks change nothing.
 */
export const applyActions = (actions: readonly Action[], observation: Observation): Observation =>
  actions.reduce(applyAction, observation);

export const applyAction = (observation: Observation, action: Action): Observation => ({
  ...observation,
  loadBalancers: observation.loadBalancers.map((lb) =>
    lb.name === action.loadBalancerName ? applyToLoadBalancer(lb, action) : lb,
  ),
});

export const applyToLoadBalancer = (lb: LoadBalancer, action: Action): LoadBalancer => {
  switch (action.type) {
    case 'register':
      return lb.instances.includes(action.instanceId)
        ? lb
        : { ...lb, instances: [...lb.instances, action.instanceId] };
    case 'deregister':
      return { ...lb, instances: lb.instances.filter((i) => i !== action.instanceId) };
    case 'configureHealthCheck':
      return { ...lb, healthCheck: action.after };
    case 'setBackendServerPolicies':
      return {
        ...lb,
        backendServers: setBackendServer(lb.backendServers, action.instancePort, action.policyNames),
      };
    case 'replaceListeners': {
      // DeleteLoadBalancerListeners takes load balancer ports; CreateLoadBalancerListeners adds the new ones.
      const removed = new Set(action.remove.map((l) => l.loadBalancerPort));
      const kept = lb.listeners.filter((l) => !removed.has(l.loadBalancerPort));
      const created = new Set(action.create.map((l) => l.loadBalancerPort));
      return {
        ...lb,
        listeners: [...kept.filter((l) => !created.has(l.loadBalancerPort)), ...action.create],
      };
    }
    default:
      return absurd(action);
  }
};

/** SetLoadBalancerPoliciesForBackendServer replaces the port's policy list; an empty list removes the entry. */
const setBackendServer = (
  servers: readonly BackendServer[],
  instancePort: number,
  policyNames: readonly string[],
): BackendServer[] => {
  const others = servers.filter((b) => b.instancePort !== instancePort);
  if (policyNames.length === 0) return others;
  const entry = { instancePort, policyNames: [...policyNames] };
  return servers.some((b) => b.instancePort === instancePort)
    ? servers.map((b) => (b.instancePort === instancePort ? entry : b))
    : [...servers, entry];
};
