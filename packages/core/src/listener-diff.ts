import type { Listener, LoadBalancer } from './observation.js';
import type { TaskPorts } from './task-ports.js';

/** The listeners to rewrite, and the explicitly named ports the load balancer does not have. */
export interface ListenerDiff {
  readonly remove: readonly Listener[];
  readonly create: readonly Listener[];
  readonly absentPorts: readonly number[];
}

/** The instance port a listener should forward to, or undefined when the service does not manage it. */
const desiredInstancePort = (listener: Listener, ports: TaskPorts): number | undefined =>
  ports.listenerPorts === undefined ? ports.hostPort : ports.listenerPorts.get(listener.loadBalancerPort);

/**
 * The managed listeners (all of them when the service names no `listeners`, else only those named)
 * whose instance port differs from the serving task's, each with its replacement: the same listener
 * (protocol, certificate, policies) forwarding to the new port. Listeners not named are never touched.
 */
export const diffListeners = (lb: LoadBalancer, ports: TaskPorts): ListenerDiff => {
  const remove: Listener[] = [];
  const create: Listener[] = [];
  for (const listener of lb.listeners) {
    const instancePort = desiredInstancePort(listener, ports);
    if (instancePort === undefined || instancePort === listener.instancePort) continue;
    remove.push(listener);
    create.push({ ...listener, instancePort });
  }
  return { remove, create, absentPorts: absentListenerPorts(lb, ports) };
};

/** Explicitly named load balancer ports that the load balancer has no listener on. */
const absentListenerPorts = (lb: LoadBalancer, ports: TaskPorts): readonly number[] => {
  if (ports.listenerPorts === undefined) return [];
  const present = new Set(lb.listeners.map((l) => l.loadBalancerPort));
  return [...ports.listenerPorts.keys()].filter((p) => !present.has(p));
};

/**
 * The load balancer already forwards to these ports: it has at least one managed listener, and every
 * managed listener it has forwards to the port the service maps it to.
 */
export const forwardsTo = (lb: LoadBalancer, ports: TaskPorts): boolean => {
  let managed = 0;
  for (const listener of lb.listeners) {
    const instancePort = desiredInstancePort(listener, ports);
    if (instancePort === undefined) continue;
    if (instancePort !== listener.instancePort) return false;
    managed++;
  }
  return managed > 0;
};
