import * as t from 'io-ts';
import { LoadBalancerName } from './ids.js';
import { NodePort, Port } from './port.js';
import { NonEmptyString } from './refinements.js';

/** An explicit listener mapping: the listener on `loadBalancerPort` forwards to the host port of `containerPort`. */
export const ListenerMapping = t.type({ loadBalancerPort: Port, containerPort: Port });
export type ListenerMapping = t.TypeOf<typeof ListenerMapping>;

/**
 * One entry of the services file. Statika 0.1's four fields (`family` optional, as in Statika-Docker:
 * then the tasks are those of group `service:<serviceName>`), plus `containerPort`, `listeners` and
 * `nodePort`.
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
    /**
     * Node-port mode (SPEC §4 rule 8): the managed listeners and the health check point at this port on
     * every host, and each host forwards it to its own serving task with a kernel rule. Unique in the file.
     */
    nodePort: NodePort,
  }),
]);
export type ServiceSpec = t.TypeOf<typeof ServiceSpec>;

export const ServicesFile = t.array(ServiceSpec);
export type ServicesFile = t.TypeOf<typeof ServicesFile>;
