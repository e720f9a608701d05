import type { NetworkBinding, Task } from './observation.js';
import type { ServiceSpec } from './services.js';

/** The host ports a task offers a service. */
export interface TaskPorts {
  /**
   * The service's port: the health check probes it, and every listener forwards to it when the service
   * names no `listeners`. It is the binding for `containerPort` when given, else the first binding (with
   * explicit listeners: the first listener's binding).
   */
  readonly hostPort: number;
  /** With explicit `listeners`: load balancer port → host port. Undefined when the service names none. */
  readonly listenerPorts: ReadonlyMap<number, number> | undefined;
}

const isPublished = (b: NetworkBinding): boolean => b.hostPort > 0 && b.protocol.toLowerCase() === 'tcp';

/** The exposed container's TCP bindings that Docker has bound to a host port (protocol in any case). */
export const publishedBindings = (task: Task, service: ServiceSpec): readonly NetworkBinding[] =>
  bindingsOf(task, service).filter(isPublished);

const NO_BINDINGS: readonly NetworkBinding[] = [];

const bindingsOf = (task: Task, service: ServiceSpec): readonly NetworkBinding[] => {
  for (const c of task.containers) if (c.name === service.exposedContainerName) return c.networkBindings;
  return NO_BINDINGS;
};

/** The host port of the first published binding (of `containerPort` when given). */
const hostPortFor = (
  bindings: readonly NetworkBinding[],
  containerPort: number | undefined,
): number | undefined => {
  // A loop rather than filter and find: this runs for every task of every service on every reconcile.
  for (const b of bindings) {
    if ((containerPort === undefined || b.containerPort === containerPort) && isPublished(b))
      return b.hostPort;
  }
  return undefined;
};

/** The ports the task offers the service, or undefined when a binding the service needs is missing. */
export const taskPorts = (task: Task, service: ServiceSpec): TaskPorts | undefined => {
  const bindings = bindingsOf(task, service);
  if (service.listeners === undefined) {
    const hostPort = hostPortFor(bindings, service.containerPort);
    return hostPort === undefined ? undefined : { hostPort, listenerPorts: undefined };
  }
  const listenerPorts = new Map<number, number>();
  for (const mapping of service.listeners) {
    const hostPort = hostPortFor(bindings, mapping.containerPort);
    if (hostPort === undefined) return undefined;
    listenerPorts.set(mapping.loadBalancerPort, hostPort);
  }
  const hostPort = hostPortFor(bindings, service.containerPort ?? service.listeners[0]?.containerPort);
  return hostPort === undefined ? undefined : { hostPort, listenerPorts };
};

/** Two tasks bound to the same host ports (static ports): either one serves the load balancer as well. */
export const samePorts = (a: TaskPorts, b: TaskPorts): boolean =>
  a.hostPort === b.hostPort &&
  [...(a.listenerPorts ?? [])].every(([lbPort, hostPort]) => b.listenerPorts?.get(lbPort) === hostPort);
