import type { InstanceId, LoadBalancerName, TaskArn } from './ids.js';

/** Where a service stands after planning, as `/status` and `statika plan` show it. */
export type ServiceState =
  /** This host serves the service and the load balancer already points at it. */
  | 'in-sync'
  /** This host serves (or should stop serving) and the plan has actions to get there. */
  | 'converging'
  /** Another host runs the serving task; this host only keeps itself deregistered. */
  | 'served-elsewhere'
  /** No candidate task anywhere: this host is deregistered, listeners are left as they are. */
  | 'no-candidate'
  /** `single` policy: not exactly one task on this host, so nothing is done (Statika 0.1's rule). */
  | 'waiting'
  /** The service cannot be planned (its load balancer does not exist, …); no actions. */
  | 'error';

export interface ServingTask {
  readonly taskArn: TaskArn;
  readonly instanceId: InstanceId | undefined;
  readonly hostPort: number;
  readonly ready: boolean;
  readonly onThisHost: boolean;
}

export interface ServiceStatus {
  readonly serviceName: string;
  readonly loadBalancerName: LoadBalancerName;
  readonly state: ServiceState;
  /** True when the plan has no action for this service. */
  readonly inSync: boolean;
  readonly serving: ServingTask | undefined;
  /** Why the service is in this state, in plain words. */
  readonly reason: string;
}
