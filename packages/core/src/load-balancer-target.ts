import type { Action } from './action.js';
import { moveBackendPolicies } from './backend-policies.js';
import { desiredHealthCheck } from './desired-health-check.js';
import type { InstanceId } from './ids.js';
import { diffListeners } from './listener-diff.js';
import type { LoadBalancer } from './observation.js';
import type { LeftAlone } from './service-reason.js';
import type { ServiceSpec } from './services.js';
import type { TaskPorts } from './task-ports.js';

/**
 * The actions that point a load balancer's health check and managed listeners at `ports`, in rule 5's
 * order (health check, backend policies to the new ports, listeners back to back, old ports cleared),
 * and what was left alone. `writer` is this host: it names the record of the listeners'
 * policies that the replacement keeps on the load balancer while it is in flight.
 */
export const pointLoadBalancerAt = (
  service: ServiceSpec,
  lb: LoadBalancer,
  ports: TaskPorts,
  writer: InstanceId,
): { readonly actions: readonly Action[]; readonly leftAlone: readonly LeftAlone[] } => {
  const base = { serviceName: service.serviceName, loadBalancerName: lb.name };
  const leftAlone: LeftAlone[] = [];
  const actions: Action[] = [];
  const healthCheck = desiredHealthCheck(lb.healthCheck, ports.hostPort);
  if (healthCheck.type === 'retarget') {
    actions.push({ ...base, type: 'configureHealthCheck', before: lb.healthCheck, after: healthCheck.after });
  } else if (healthCheck.type === 'unreadable') {
    leftAlone.push({ type: 'unreadable-health-check', target: lb.healthCheck.target });
  }
  const { remove, create, absentPorts } = diffListeners(lb, ports);
  if (absentPorts.length > 0) {
    leftAlone.push({ type: 'absent-listeners', ports: absentPorts });
  }
  if (remove.length > 0) {
    const policies = moveBackendPolicies(lb, remove, create);
    for (const p of policies.before) actions.push({ ...base, type: 'setBackendServerPolicies', ...p });
    actions.push({ ...base, type: 'replaceListeners', remove, create, writer });
    for (const p of policies.after) actions.push({ ...base, type: 'setBackendServerPolicies', ...p });
  }
  return { actions, leftAlone };
};
