import type { Action } from './action.js';
import { type Candidate, isDraining } from './candidate.js';
import { selectHostServingTask } from './host-serving-task.js';
import { diffListeners } from './listener-diff.js';
import { pointLoadBalancerAt } from './load-balancer-target.js';
import type { LoadBalancer, Observation } from './observation.js';
import type { Selection } from './select-task.js';
import { type ServicePlan, servicePlan } from './service-plan.js';
import type { ServiceSpec } from './services.js';
import type { TaskPorts } from './task-ports.js';

/**
 * Node-port mode's ports: every managed listener and the health check go to `nodePort`, whatever task
 * serves, so a deploy never changes them.
 */
export const nodePortPorts = (service: ServiceSpec, nodePort: number): TaskPorts => ({
  hostPort: nodePort,
  listenerPorts:
    service.listeners === undefined
      ? undefined
      : new Map(service.listeners.map((l) => [l.loadBalancerPort, nodePort])),
});

/**
 * One node-port service's load balancer plan for this host (SPEC §4 rule 8):
 * - listeners and health check: written by the host that rule 2's cluster-wide selection says serves,
 *   exactly as in listener mode (so hosts never race), but to `nodePort`: set once, never moved again;
 * - registration: this host is registered while it runs a candidate that can take traffic and the
 *   listeners forward to `nodePort` (on a migration from listener mode, other hosts wait for the writer,
 *   or the load balancer would send them traffic for a port they do not serve); deregistered otherwise,
 *   which happens before its last task stops since ECS sets desiredStatus STOPPED before SIGTERM.
 * Which task here gets the traffic is the forwarding rule's business (`planForwarding`), not AWS's.
 */
export const planNodePortService = (
  service: ServiceSpec,
  nodePort: number,
  lb: LoadBalancer,
  selection: Selection,
  here: readonly Candidate[],
  observation: Observation,
): ServicePlan => {
  const { instanceId, containerInstanceArn } = observation.host;
  const forwarded = observation.forwarding?.find((r) => r.nodePort === nodePort)?.hostPort;
  const serving = selectHostServingTask(here, forwarded);
  if (isDraining(observation, containerInstanceArn)) {
    const actions = membership(service, lb, instanceId, false);
    return servicePlan(service, actions, serving, 'no-candidate', { type: 'draining' });
  }
  const ports = nodePortPorts(service, nodePort);
  const writes = selection.type === 'serving' && selection.serving.onThisHost;
  const target = writes
    ? pointLoadBalancerAt(service, lb, ports, instanceId)
    : { actions: [], leftAlone: [] };
  const atNodePort = writes || diffListeners(lb, ports).remove.length === 0;
  const ableHere = here.filter((c) => c.canTakeTraffic);
  const registered = ableHere.length > 0 && atNodePort;
  const actions = [...membership(service, lb, instanceId, registered), ...target.actions];
  return servicePlan(
    service,
    actions,
    serving,
    registered ? 'in-sync' : selection.type === 'serving' ? 'served-elsewhere' : 'no-candidate',
    { type: 'node-port', nodePort, here: standing(serving, ableHere, atNodePort) },
    target.leftAlone,
  );
};

/** How this host stands behind the node port. */
const standing = (
  serving: Candidate | undefined,
  ableHere: readonly Candidate[],
  atNodePort: boolean,
): 'no-candidate' | 'not-ready' | 'forwarding' | 'awaiting-listeners' => {
  if (ableHere.length === 0) return serving === undefined ? 'no-candidate' : 'not-ready';
  return atNodePort ? 'forwarding' : 'awaiting-listeners';
};

/** Register or deregister this instance, when it is not already so. */
const membership = (
  service: ServiceSpec,
  lb: LoadBalancer,
  instanceId: Observation['host']['instanceId'],
  wanted: boolean,
): Action[] => {
  const base = { serviceName: service.serviceName, loadBalancerName: lb.name, instanceId };
  const present = lb.instances.includes(instanceId);
  if (wanted && !present) return [{ ...base, type: 'register' }];
  if (!wanted && present) return [{ ...base, type: 'deregister' }];
  return [];
};
