import type { ReplaceListeners } from './action.js';
import type { Listener, LoadBalancer } from './observation.js';
import type { PendingRecord, PortPolicies } from './pending-policies.js';

/**
 * The policies each listener of a replacement must end with, decided from what every host can read:
 * the policies the listener was observed with when it has any (the operator's current choice); else the
 * union of every pending record's policies for its port (another replacement, by any host, deleted the
 * listener and has not restored them yet, or died before it could); else, when given, the policies of
 * the listener as read again after those records (`live`: the record's writer may have finished and
 * removed its record between this host's observation and its read of the records). Applied to `create`
 * and to `remove` alike, since a failed create puts `remove` back.
 */
export const restoredPolicies = (
  action: ReplaceListeners,
  records: readonly PendingRecord[],
  live?: LoadBalancer,
): ReplaceListeners => {
  const resolve = (listener: Listener): Listener => {
    if (listener.policyNames.length > 0) return listener;
    const pending = pendingPolicies(records, listener.loadBalancerPort);
    if (pending.length > 0) return { ...listener, policyNames: pending };
    const current = live?.listeners.find((l) => l.loadBalancerPort === listener.loadBalancerPort);
    return current === undefined ? listener : { ...listener, policyNames: [...current.policyNames] };
  };
  return { ...action, remove: action.remove.map(resolve), create: action.create.map(resolve) };
};

/**
 * Whether the replacement must read its load balancer again before deleting: it deletes a listener that
 * was observed without policies and that no record gives any. Only then can a policy restored after
 * this host's observation (its record already removed) be missed.
 */
export const needsLiveRead = (action: ReplaceListeners, records: readonly PendingRecord[]): boolean =>
  action.remove.length > 0 &&
  restoredPolicies(action, records).remove.some((l) => l.policyNames.length === 0);

/** What this host's record must say for a replacement: the created listeners that have policies to restore. */
export const pendingPoliciesOf = (action: ReplaceListeners): readonly PortPolicies[] =>
  action.create
    .filter((l) => l.policyNames.length > 0)
    .map((l) => ({ loadBalancerPort: l.loadBalancerPort, policyNames: [...l.policyNames] }));

/** The union of every record's policy names for one port, in order of first appearance. */
const pendingPolicies = (records: readonly PendingRecord[], port: number): string[] => [
  ...new Set(
    records.flatMap((r) =>
      r.policies.filter((p) => p.loadBalancerPort === port).flatMap((p) => p.policyNames),
    ),
  ),
];
