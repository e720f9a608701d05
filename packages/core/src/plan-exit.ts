import type { DeregisterInstance } from './action.js';
import type { InstanceId } from './ids.js';
import type { Observation } from './observation.js';
import type { Spec } from './spec.js';

/**
 * The plan for leaving (SIGTERM with `deregisterOnExit`): deregister this instance from every configured
 * load balancer it is registered with. Without an observation (the last read failed), from every
 * configured load balancer: a needless call beats a host that keeps receiving traffic after it stopped.
 */
export const planExit = (
  spec: Spec,
  instanceId: InstanceId,
  observation: Observation | undefined,
): readonly DeregisterInstance[] => {
  const registered = (name: string): boolean =>
    observation === undefined ||
    (observation.loadBalancers.find((lb) => lb.name === name)?.instances.includes(instanceId) ?? false);
  return spec.services
    .filter((service) => registered(service.loadBalancerName))
    .map((service) => ({
      type: 'deregister',
      serviceName: service.serviceName,
      loadBalancerName: service.loadBalancerName,
      instanceId,
    }));
};
