import type { Action, Listener } from '@statika/core';
import { absurd } from 'fp-ts/lib/function.js';

/**
 * An action as an operator reads it in a log line: what changes on which load balancer, before and
 * after (`listener 80 → instancePort 32769 (was 31000)`). Pure, so the wording is tested without a logger.
 */
export interface ActionDescription {
  readonly msg: string;
  readonly loadBalancer: string;
  readonly service: string;
  readonly action: Action['type'];
  readonly before: unknown;
  readonly after: unknown;
}

export const describeAction = (action: Action): ActionDescription => {
  const base = { loadBalancer: action.loadBalancerName, service: action.serviceName, action: action.type };
  switch (action.type) {
    case 'register':
      return {
        ...base,
        msg: `instance ${action.instanceId} registered with ${action.loadBalancerName}`,
        before: 'deregistered',
        after: 'registered',
      };
    case 'deregister':
      return {
        ...base,
        msg: `instance ${action.instanceId} deregistered from ${action.loadBalancerName}`,
        before: 'registered',
        after: 'deregistered',
      };
    case 'configureHealthCheck':
      return {
        ...base,
        msg: `health check ${action.after.target} (was ${action.before.target}) on ${action.loadBalancerName}`,
        before: action.before.target,
        after: action.after.target,
      };
    case 'setBackendServerPolicies':
      return {
        ...base,
        msg: `backend policies of instance port ${action.instancePort}: [${action.policyNames.join(', ')}] (was [${action.before.join(', ')}]) on ${action.loadBalancerName}`,
        before: action.before,
        after: action.policyNames,
      };
    case 'replaceListeners':
      return {
        ...base,
        msg: `${action.create.map((l) => describeListenerMove(l, action.remove)).join(', ')} on ${action.loadBalancerName}`,
        before: action.remove.map(listenerSummary),
        after: action.create.map(listenerSummary),
      };
    default:
      return absurd(action);
  }
};

const describeListenerMove = (created: Listener, removed: readonly Listener[]): string => {
  const old = removed.find((l) => l.loadBalancerPort === created.loadBalancerPort);
  const was = old === undefined ? 'new' : `was ${old.instancePort}`;
  return `listener ${created.loadBalancerPort} → instancePort ${created.instancePort} (${was})`;
};

const listenerSummary = (l: Listener) => ({
  loadBalancerPort: l.loadBalancerPort,
  protocol: l.protocol,
  instancePort: l.instancePort,
});
