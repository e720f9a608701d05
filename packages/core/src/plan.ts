import type { Action } from './action.js';
import { type Candidate, isDraining } from './candidate.js';
import { planForwarding } from './desired-forwarding.js';
import { hostCandidates } from './host-serving-task.js';
import type { InstanceId } from './ids.js';
import { pointLoadBalancerAt } from './load-balancer-target.js';
import { planNodePortService } from './node-port-service-plan.js';
import type { LoadBalancer, Observation } from './observation.js';
import type { PlanResult } from './plan-result.js';
import { type Selection, selectTask } from './select-task.js';
import { type ServicePlan, servicePlan } from './service-plan.js';
import type { ServiceSpec } from './services.js';
import type { Spec } from './spec.js';
import { joinsForPeer, staticPortPeer } from './static-port-peer.js';
import { indexTasks, tasksOfService } from './task-index.js';

/**
 * The plan: for every service, in the services file's order, the ordered actions that bring its load
 * balancer to the desired state for this host, and the service's status. Pure: `now` is epoch ms.
 * One service's problem (a missing load balancer) gives it an error status and leaves the others alone.
 */
export const plan = (spec: Spec, observation: Observation, now: number): PlanResult => {
  const tasks = indexTasks(observation.tasks);
  const loadBalancers = new Map<string, LoadBalancer>();
  for (const lb of observation.loadBalancers) loadBalancers.set(lb.name, lb);
  const planned = spec.services.map((service): ServicePlan => {
    // A configured load balancer absent from the observation is one AWS said does not exist (rule 4: a
    // read that failed is no observation at all).
    const lb = loadBalancers.get(service.loadBalancerName);
    if (lb === undefined) {
      return servicePlan(service, [], undefined, 'error', { type: 'load-balancer-missing' });
    }
    const serviceTasks = tasksOfService(tasks, service);
    // In node-port mode every host with a candidate that can take traffic registers itself, so the
    // choice of the host that writes listeners and health check must not depend on registrations: it
    // would flip when a host joins (rule 6). Every host serves there, so nothing is gained by sticking.
    const ranked = service.nodePort === undefined ? lb : { ...lb, instances: [] };
    const selection = selectTask(service, serviceTasks, observation, spec.configuration, now, ranked);
    if (service.nodePort === undefined) return planService(service, lb, selection, observation);
    const here = hostCandidates(
      service,
      serviceTasks,
      observation,
      spec.configuration.settleTimeSeconds,
      now,
      lb,
    );
    return planNodePortService(service, service.nodePort, lb, selection, here, observation);
  });
  return {
    actions: planned.flatMap((p) => p.actions),
    services: planned.map((p) => p.status),
    forwarding: planForwarding(spec, observation, tasks, now),
  };
};

const planService = (
  service: ServiceSpec,
  lb: LoadBalancer,
  selection: Selection,
  observation: Observation,
): ServicePlan => {
  const serving = selection.type === 'serving' ? selection.serving : undefined;
  if (isDraining(observation, observation.host.containerInstanceArn)) {
    const actions = deregistered(service, lb, observation.host.instanceId);
    return servicePlan(service, actions, serving, serving ? 'served-elsewhere' : 'no-candidate', {
      type: 'draining',
    });
  }
  switch (selection.type) {
    case 'waiting':
      return servicePlan(service, [], undefined, 'waiting', selection.reason);
    case 'none':
      return servicePlan(
        service,
        deregistered(service, lb, observation.host.instanceId),
        undefined,
        'no-candidate',
        { type: 'no-candidate' },
      );
    case 'serving':
      return selection.serving.onThisHost
        ? serveHere(service, lb, selection.serving, observation)
        : servedElsewhere(service, lb, selection, observation);
  }
};

/** The serving task is here: register, probe its port, point the managed listeners at it. */
const serveHere = (
  service: ServiceSpec,
  lb: LoadBalancer,
  serving: Candidate,
  observation: Observation,
): ServicePlan => {
  const { instanceId } = observation.host;
  const target = pointLoadBalancerAt(service, lb, serving.ports, instanceId);
  const actions = [...registered(service, lb, instanceId), ...target.actions];
  return servicePlan(service, actions, serving, 'in-sync', { type: 'serves-here' }, target.leftAlone);
};

/**
 * The serving task is on another host: stay out of the load balancer, unless this host runs a candidate
 * bound to the same ports (static ports), which serves as well. Listeners and health check are that
 * host's to set.
 */
const servedElsewhere = (
  service: ServiceSpec,
  lb: LoadBalancer,
  selection: Extract<Selection, { type: 'serving' }>,
  observation: Observation,
): ServicePlan => {
  const { serving, candidates } = selection;
  const instanceId = observation.host.instanceId;
  const peer = staticPortPeer(candidates, serving);
  if (
    peer !== undefined &&
    (lb.instances.includes(instanceId) || joinsForPeer(candidates, peer, lb, instanceId))
  ) {
    const actions = registered(service, lb, instanceId);
    const reason = { type: 'static-port-peer', peerTaskArn: peer.task.taskArn, joined: true } as const;
    return servicePlan(service, actions, serving, 'in-sync', reason);
  }
  if (peer !== undefined) {
    const reason = { type: 'static-port-peer', peerTaskArn: peer.task.taskArn, joined: false } as const;
    return servicePlan(service, [], serving, 'served-elsewhere', reason);
  }
  return servicePlan(service, deregistered(service, lb, instanceId), serving, 'served-elsewhere', {
    type: 'served-elsewhere',
  });
};

const registered = (service: ServiceSpec, lb: LoadBalancer, instanceId: InstanceId): Action[] =>
  lb.instances.includes(instanceId)
    ? []
    : [{ type: 'register', serviceName: service.serviceName, loadBalancerName: lb.name, instanceId }];

const deregistered = (service: ServiceSpec, lb: LoadBalancer, instanceId: InstanceId): Action[] =>
  lb.instances.includes(instanceId)
    ? [{ type: 'deregister', serviceName: service.serviceName, loadBalancerName: lb.name, instanceId }]
    : [];
