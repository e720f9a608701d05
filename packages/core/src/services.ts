import * as t from 'io-ts';
import { LoadBalancerName } from './ids.js';
import { Port } from './port.js';
import { NonEmptyString } from './refinements.js';

/** An explicit listener mapping: the listener on `loadBalancerPort` forwards to the host port of `containerPort`. */
export const ListenerMapping = t.type({ loadBalancerPort: Port, containerPort: Port });
export type ListenerMapping = t.TypeOf<typeof ListenerMapping>;

/**
 * One entry of the services file. Statika 0.1's four fields (`family` optional, as in Statika-Docker:
 * then the tasks are those of group `service:<serviceName>`), plus `containerPort` and `listeners`.
 */
export const ServiceSpec = t.intersection([
  t.type({
    serviceName: NonEmptyString,
    exposedContainerName: NonEmptyString,
    loadBalancerName: t.intersection([NonEmptyString, LoadBalancerName]),
  }),
  t.partial({
    family: NonEmptyString,
    /** Which binding of the exposed container to use when it publishes several. */
    containerPort: Port,
    /** Explicit listeners; listeners of the load balancer not named here are never touched. */
    listeners: t.array(ListenerMapping),
  }),
]);
export type ServiceSpec = t.TypeOf<typeof ServiceSpec>;

export const ServicesFile = t.array(ServiceSpec);
export type ServicesFile = t.TypeOf<typeof ServicesFile>;
