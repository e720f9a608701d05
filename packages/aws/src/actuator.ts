import {
  ConfigureHealthCheckCommand,
  CreateLoadBalancerListenersCommand,
  DeleteLoadBalancerListenersCommand,
  DeregisterInstancesFromLoadBalancerCommand,
  type ElasticLoadBalancingClient,
  RegisterInstancesWithLoadBalancerCommand,
  SetLoadBalancerPoliciesForBackendServerCommand,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import type { Action, Listener, ReplaceListeners } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import { attempt } from './classify-failure.js';
import type { ActionOutcome, Actuator, ApplyHooks } from './contract.js';
import { toSdkListener } from './elb-listener.js';
import { type Failure, withMessage } from './failure.js';
import { createPolicyRecord, type PolicyRecordSkipped } from './policy-record.js';

export interface ActuatorOptions {
  /** Told when a replacement goes on without its cluster-wide record of policies: log it and count it. */
  readonly onPolicyRecordSkipped?: (skipped: PolicyRecordSkipped) => void;
}

type Outcome = E.Either<Failure, ActionOutcome>;
type Step = E.Either<Failure, unknown>;

const applied: Outcome = E.right({ type: 'applied' });

/** Maps a successful step to `applied` and keeps its error otherwise. */
const outcomeOf = (step: Step): Outcome => (E.isLeft(step) ? step : applied);

export const createActuator = (
  clients: { readonly elb: ElasticLoadBalancingClient },
  options: ActuatorOptions = {},
): Actuator => {
  const { elb } = clients;
  const record = createPolicyRecord(elb, options.onPolicyRecordSkipped ?? (() => {}));

  /**
   * The client's retry middleware retries a throttled or transient create sooner and longer than other
   * calls (`CREATE_LISTENERS_RETRY`): the port has no listener meanwhile. What still fails is final here.
   */
  const createListeners = (name: string, listeners: readonly Listener[]): Promise<Step> =>
    attempt('elb', 'CreateLoadBalancerListeners', name, () =>
      elb.send(
        new CreateLoadBalancerListenersCommand({
          LoadBalancerName: name,
          Listeners: listeners.map(toSdkListener),
        }),
      ),
    );

  /** Deleting a listener drops its policies: set them again on every created listener that had some. */
  const restorePolicies = async (name: string, listeners: readonly Listener[]): Promise<Step> => {
    for (const listener of listeners) {
      if (listener.policyNames.length === 0) continue;
      const result = await attempt('elb', 'SetLoadBalancerPoliciesOfListener', name, () =>
        elb.send(
          new SetLoadBalancerPoliciesOfListenerCommand({
            LoadBalancerName: name,
            LoadBalancerPort: listener.loadBalancerPort,
            PolicyNames: [...listener.policyNames],
          }),
        ),
      );
      if (E.isLeft(result)) return result;
    }
    return E.right(undefined);
  };

  /** The create failed: put the removed listeners back exactly as they were, policies included. */
  const restore = async (action: ReplaceListeners, createError: Failure): Promise<Outcome> => {
    const name = action.loadBalancerName;
    const recreated = await createListeners(name, action.remove);
    const policies = E.isRight(recreated) ? await restorePolicies(name, action.remove) : recreated;
    if (E.isLeft(policies)) {
      return E.left(
        withMessage(
          policies.left,
          `create failed (${createError.code}: ${createError.message}); restoring the old listeners failed too: ${policies.left.message}`,
        ),
      );
    }
    return E.right({ type: 'restored', error: createError });
  };

  /**
   * Every host's record of policies in flight is read before the journal, this host's written after it
   * and before the delete; the delete and the create run back to back (nothing in between: the window
   * without a listener stays a round trip); the policies are restored; then this host's record goes. A
   * step that fails leaves the record, so whoever replaces these listeners next still restores them.
   */
  const replaceListeners = async (planned: ReplaceListeners, hooks: ApplyHooks): Promise<Outcome> => {
    const name = planned.loadBalancerName;
    const read = await record.read(planned);
    if (E.isLeft(read)) return read;
    const action = read.right.action;
    const changes = action.remove.length > 0 || action.create.length > 0;
    if (changes && hooks.beforeDelete !== undefined) {
      const ready = await hooks.beforeDelete(action);
      if (E.isLeft(ready)) return ready;
    }
    const recordKey = await record.write(read.right);
    if (E.isLeft(recordKey)) return recordKey;
    const outcome = changes ? await deleteAndCreate(action) : applied;
    if (E.isLeft(outcome) || outcome.right.type === 'conflict') return outcome;
    const finished = await record.finish(name, recordKey.right);
    return E.isLeft(finished) ? finished : outcome;
  };

  const deleteAndCreate = async (action: ReplaceListeners): Promise<Outcome> => {
    const name = action.loadBalancerName;
    if (action.remove.length > 0) {
      const deleted = await attempt('elb', 'DeleteLoadBalancerListeners', name, () =>
        elb.send(
          new DeleteLoadBalancerListenersCommand({
            LoadBalancerName: name,
            LoadBalancerPorts: action.remove.map((l) => l.loadBalancerPort),
          }),
        ),
      );
      if (E.isLeft(deleted)) return deleted;
    }
    if (action.create.length === 0) return applied;
    const created = await createListeners(name, action.create);
    if (E.isLeft(created)) {
      if (created.left.type === 'conflict') return E.right({ type: 'conflict', error: created.left });
      return action.remove.length > 0 ? restore(action, created.left) : created;
    }
    return outcomeOf(await restorePolicies(name, action.create));
  };

  const apply = async (action: Action, hooks: ApplyHooks = {}): Promise<Outcome> => {
    const name = action.loadBalancerName;
    switch (action.type) {
      case 'register':
        return outcomeOf(
          await attempt('elb', 'RegisterInstancesWithLoadBalancer', name, () =>
            elb.send(
              new RegisterInstancesWithLoadBalancerCommand({
                LoadBalancerName: name,
                Instances: [{ InstanceId: action.instanceId }],
              }),
            ),
          ),
        );
      case 'deregister':
        return outcomeOf(
          await attempt('elb', 'DeregisterInstancesFromLoadBalancer', name, () =>
            elb.send(
              new DeregisterInstancesFromLoadBalancerCommand({
                LoadBalancerName: name,
                Instances: [{ InstanceId: action.instanceId }],
              }),
            ),
          ),
        );
      case 'configureHealthCheck':
        return outcomeOf(
          await attempt('elb', 'ConfigureHealthCheck', name, () =>
            elb.send(
              new ConfigureHealthCheckCommand({
                LoadBalancerName: name,
                HealthCheck: {
                  Target: action.after.target,
                  Interval: action.after.interval,
                  Timeout: action.after.timeout,
                  UnhealthyThreshold: action.after.unhealthyThreshold,
                  HealthyThreshold: action.after.healthyThreshold,
                },
              }),
            ),
          ),
        );
      case 'setBackendServerPolicies':
        return outcomeOf(
          await attempt('elb', 'SetLoadBalancerPoliciesForBackendServer', name, () =>
            elb.send(
              new SetLoadBalancerPoliciesForBackendServerCommand({
                LoadBalancerName: name,
                InstancePort: action.instancePort,
                PolicyNames: [...action.policyNames],
              }),
            ),
          ),
        );
      case 'replaceListeners':
        return replaceListeners(action, hooks);
      default:
        return absurd(action);
    }
  };

  return { apply };
};
