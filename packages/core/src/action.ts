import * as t from 'io-ts';
import { InstanceId, LoadBalancerName } from './ids.js';
import { HealthCheck, Listener } from './observation.js';

/**
 * What the plan asks AWS to do: a discriminated union, each action naming the service it belongs to
 * (so the agent can run services independently) and the load balancer it changes, with before/after
 * where there is one so that every change can be logged as such. A codec: actions are printed by
 * `statika plan --json` and written to the journal, and read back from both.
 */
const actionBase = { serviceName: t.string, loadBalancerName: LoadBalancerName };

export const RegisterInstance = t.readonly(
  t.type({ type: t.literal('register'), ...actionBase, instanceId: InstanceId }),
);
export type RegisterInstance = t.TypeOf<typeof RegisterInstance>;

export const DeregisterInstance = t.readonly(
  t.type({ type: t.literal('deregister'), ...actionBase, instanceId: InstanceId }),
);
export type DeregisterInstance = t.TypeOf<typeof DeregisterInstance>;

export const ConfigureHealthCheck = t.readonly(
  t.type({ type: t.literal('configureHealthCheck'), ...actionBase, before: HealthCheck, after: HealthCheck }),
);
export type ConfigureHealthCheck = t.TypeOf<typeof ConfigureHealthCheck>;

/**
 * Backend-server policies (proxy protocol, for example) are keyed by instance port. A port move sets
 * them on the new port before the listeners move and clears them from the old port after.
 */
export const SetBackendServerPolicies = t.readonly(
  t.type({
    type: t.literal('setBackendServerPolicies'),
    ...actionBase,
    instancePort: t.number,
    before: t.readonlyArray(t.string),
    policyNames: t.readonlyArray(t.string),
  }),
);
export type SetBackendServerPolicies = t.TypeOf<typeof SetBackendServerPolicies>;

/**
 * Classic ELB cannot change a listener's instance port in place: delete `remove` (one call), then create
 * `create` (one call), then restore each created listener's `policyNames`. Both lists name the same
 * load balancer ports, in the same order. `writer` is the instance whose agent makes the replacement:
 * its record of the policies in flight (`pendingPoliciesTagKey`) is named for it. A journal entry written
 * before the record existed has none, and then no record is written or removed.
 */
export const ReplaceListeners = t.readonly(
  t.intersection([
    t.type({
      type: t.literal('replaceListeners'),
      ...actionBase,
      remove: t.readonlyArray(Listener),
      create: t.readonlyArray(Listener),
    }),
    t.partial({ writer: InstanceId }),
  ]),
);
export type ReplaceListeners = t.TypeOf<typeof ReplaceListeners>;

export const Action = t.union([
  RegisterInstance,
  DeregisterInstance,
  ConfigureHealthCheck,
  SetBackendServerPolicies,
  ReplaceListeners,
]);
export type Action = t.TypeOf<typeof Action>;

export type ActionType = Action['type'];
