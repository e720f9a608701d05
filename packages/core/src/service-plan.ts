import type { Action } from './action.js';
import type { Candidate } from './candidate.js';
import type { ServiceState, ServiceStatus, ServingTask } from './service-status.js';
import type { ServiceSpec } from './services.js';

/** The actions for one service and its status. */
export interface ServicePlan {
  readonly actions: readonly Action[];
  readonly status: ServiceStatus;
}

/** A service's plan. `settled` is the state once its actions are applied; any action makes it `converging`. */
export const servicePlan = (
  service: ServiceSpec,
  actions: readonly Action[],
  serving: Candidate | undefined,
  settled: ServiceState,
  reason: string,
): ServicePlan => ({
  actions,
  status: serviceStatus(service, actions.length > 0 ? 'converging' : settled, actions, serving, reason),
});

export const serviceStatus = (
  service: ServiceSpec,
  state: ServiceState,
  actions: readonly Action[],
  serving: Candidate | undefined,
  reason: string,
): ServiceStatus => ({
  serviceName: service.serviceName,
  loadBalancerName: service.loadBalancerName,
  state,
  inSync: actions.length === 0,
  serving: serving === undefined ? undefined : servingTask(serving),
  reason,
});

export const servingTask = (c: Candidate): ServingTask => ({
  taskArn: c.task.taskArn,
  instanceId: c.task.instanceId,
  hostPort: c.ports.hostPort,
  ready: c.ready,
  onThisHost: c.onThisHost,
});
