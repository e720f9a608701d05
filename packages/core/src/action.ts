import type { InstanceId, LoadBalancerName } from './ids.js';
import type { HealthCheck, Listener } from './observation.js';

/**
 * What the plan asks AWS to do: a discriminated union, each action naming the service it belongs to
 * (so the agent can run services independently) and the load balancer it changes, with before/after
 * where there is one so that every change can be logged as such.
 */
export type Action =
  | RegisterInstance
  | DeregisterInstance
  | ConfigureHealthCheck
  | SetBackendServerPolicies
  | ReplaceListeners;

interface ActionBase {
  readonly serviceName: string;
  readonly loadBalancerName: LoadBalancerName;
}

export interface RegisterInstance extends ActionBase {
  readonly type: 'register';
  readonly instanceId: InstanceId;
}

export interface DeregisterInstance extends ActionBase {
  readonly type: 'deregister';
  readonly instanceId: InstanceId;
}

export interface ConfigureHealthCheck extends ActionBase {
  readonly type: 'configureHealthCheck';
  readonly before: HealthCheck;
  readonly after: HealthCheck;
}

/**
 * Backend-server policies (proxy protocol, for example) are keyed by instance port. A port move sets
 * them on the new port before the listeners move and clears them from the old port after.
 */
export interface SetBackendServerPolicies extends ActionBase {
  readonly type: 'setBackendServerPolicies';
  readonly instancePort: number;
  readonly before: readonly string[];
  readonly policyNames: readonly string[];
}

/**
 * Classic ELB cannot change a listener's instance port in place: delete `remove` (one call), then create
 * `create` (one call), then restore each created listener's `policyNames`. Both lists name the same
 * load balancer ports, in the same order. `writer` is the instance whose agent makes the replacement:
 * its record of the policies in flight (`pendingPoliciesTagKey`) is named for it. A journal entry written
 * before the record existed has none, and then no record is written or removed.
 */
export interface ReplaceListeners extends ActionBase {
  readonly type: 'replaceListeners';
  readonly remove: readonly Listener[];
  readonly create: readonly Listener[];
  readonly writer?: InstanceId;
}

export type ActionType = Action['type'];
