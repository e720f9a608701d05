import type { Action } from './action.js';
import type { Candidate } from './candidate.js';
import type { LeftAlone, ServiceReason } from './service-reason.js';
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
  settled: Exclude<ServiceState, 'converging'>,
  reason: ServiceReason,
  leftAlone: readonly LeftAlone[] = [],
): ServicePlan => ({
  actions,
  status: {
    serviceName: service.serviceName,
    loadBalancerName: service.loadBalancerName,
    state: actions.length > 0 ? 'converging' : settled,
    serving: serving === undefined ? undefined : servingTask(serving),
    reason,
    leftAlone,
  },
});

export const servingTask = (c: Candidate): ServingTask => ({
  taskArn: c.task.taskArn,
  instanceId: c.task.instanceId,
  hostPort: c.ports.hostPort,
  ready: c.ready,
  onThisHost: c.onThisHost,
});
