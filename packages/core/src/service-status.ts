import * as t from 'io-ts';
import { InstanceId, LoadBalancerName, TaskArn } from './ids.js';
import { LeftAlone, ServiceReason } from './service-reason.js';

/** Where a service stands after planning, as `/status` and `statika plan` show it. */
export const ServiceState = t.keyof({
  /** This host serves the service and the load balancer already points at it. */
  'in-sync': null,
  /** The plan has actions for this service on this host: the only state that needs a change. */
  converging: null,
  /** Another host runs the serving task; this host only keeps itself deregistered. */
  'served-elsewhere': null,
  /** No candidate task anywhere: this host is deregistered, listeners are left as they are. */
  'no-candidate': null,
  /**
   * Nothing is done for now: policy `single` and not exactly one task on this host (Statika 0.1's rule),
   * or the serving host's new task is starting and the service waits for it (reason `holding`).
   */
  waiting: null,
  /** The service cannot be planned (its load balancer does not exist, …); no actions. */
  error: null,
});
export type ServiceState = t.TypeOf<typeof ServiceState>;

export const ServingTask = t.readonly(
  t.type({
    taskArn: TaskArn,
    instanceId: t.union([InstanceId, t.undefined]),
    hostPort: t.number,
    ready: t.boolean,
    onThisHost: t.boolean,
  }),
);
export type ServingTask = t.TypeOf<typeof ServingTask>;

/**
 * One service's status. `state` is the one answer to "does it need a change" (`converging`, see
 * `needsChange`); `reason` says why, as data; `leftAlone` what the plan saw and did not touch.
 */
export const ServiceStatus = t.readonly(
  t.type({
    serviceName: t.string,
    loadBalancerName: LoadBalancerName,
    state: ServiceState,
    serving: t.union([ServingTask, t.undefined]),
    reason: ServiceReason,
    leftAlone: t.readonlyArray(LeftAlone),
  }),
);
export type ServiceStatus = t.TypeOf<typeof ServiceStatus>;

/** Whether the plan has actions for the service on this host (what `statika_service_in_sync` is 0 for). */
export const needsChange = (status: Pick<ServiceStatus, 'state'>): boolean => status.state === 'converging';
