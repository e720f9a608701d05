import type { ForwardingPlan } from './forwarding-plan.js';
import { type ForwardingRule, sameRules, sortRules } from './forwarding-rule.js';
import { hostCandidates, selectHostServingTask } from './host-serving-task.js';
import type { Observation } from './observation.js';
import type { Spec } from './spec.js';
import { type TaskIndex, tasksOfService } from './task-index.js';

/**
 * This host's forwarding rules (node-port mode): for every service with a `nodePort`, one rule to this
 * host's own serving task (`selectHostServingTask`, the current rule's target as incumbent). With no
 * candidate here the rule is left as it is: the host is deregistered then, and a task that comes back
 * takes it over. Rules of node ports no service names any more are dropped (the table is Statika's own).
 */
export const planForwarding = (
  spec: Spec,
  observation: Observation,
  tasks: TaskIndex,
  now: number,
): ForwardingPlan => {
  const nodePortServices = spec.services.filter((s) => s.nodePort !== undefined);
  const current = observation.forwarding;
  if (current === undefined) {
    return nodePortServices.length === 0
      ? { type: 'in-sync', rules: [] }
      : {
          type: 'unobserved',
          reason: `${nodePortServices.length} service(s) use node-port mode but this host's forwarding rules were not read (no host driver)`,
        };
  }
  const byNodePort = new Map(current.map((r) => [r.nodePort, r]));
  const wanted: ForwardingRule[] = [];
  for (const service of nodePortServices) {
    const nodePort = service.nodePort;
    if (nodePort === undefined) continue;
    const rule = byNodePort.get(nodePort);
    const here = hostCandidates(
      service,
      tasksOfService(tasks, service),
      observation,
      spec.configuration.settleTimeSeconds,
      now,
      observation.loadBalancers.find((lb) => lb.name === service.loadBalancerName),
    );
    const serving = selectHostServingTask(here, rule?.hostPort);
    if (serving !== undefined) wanted.push({ nodePort, hostPort: serving.ports.hostPort });
    else if (rule !== undefined) wanted.push(rule);
  }
  return sameRules(wanted, current)
    ? { type: 'in-sync', rules: sortRules(current) }
    : { type: 'replace', before: sortRules(current), after: sortRules(wanted) };
};
