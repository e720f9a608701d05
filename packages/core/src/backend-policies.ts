import type { Listener, LoadBalancer } from './observation.js';

/** A backend-server policy change: the policy names to set on an instance port (none clears the entry). */
export interface BackendPolicyChange {
  readonly instancePort: number;
  readonly before: readonly string[];
  readonly policyNames: readonly string[];
}

const NOTHING_TO_MOVE = { before: [], after: [] } as const;

const policiesAt = (lb: LoadBalancer, instancePort: number): readonly string[] =>
  lb.backendServers.find((b) => b.instancePort === instancePort)?.policyNames ?? [];

/**
 * Backend-server policies (proxy protocol, for example) are keyed by instance port, so they must follow
 * a listener to its new port: `before` the listeners move, each new port gets the policies of the old
 * ports it replaces (added to its own); `after`, each old port no listener uses any more is cleared.
 */
export const moveBackendPolicies = (
  lb: LoadBalancer,
  remove: readonly Listener[],
  create: readonly Listener[],
): { readonly before: readonly BackendPolicyChange[]; readonly after: readonly BackendPolicyChange[] } => {
  if (lb.backendServers.length === 0) return NOTHING_TO_MOVE;
  const wanted = new Map<number, string[]>();
  remove.forEach((old, i) => {
    const newPort = create[i]?.instancePort;
    if (newPort === undefined) return;
    const names = wanted.get(newPort) ?? [];
    for (const name of policiesAt(lb, old.instancePort)) if (!names.includes(name)) names.push(name);
    wanted.set(newPort, names);
  });
  const before = [...wanted].flatMap(([instancePort, names]) => {
    const current = policiesAt(lb, instancePort);
    const missing = names.filter((n) => !current.includes(n));
    return missing.length === 0
      ? []
      : [{ instancePort, before: current, policyNames: [...current, ...missing] }];
  });
  const removedPorts = new Set(remove.map((l) => l.loadBalancerPort));
  const usedAfter = new Set([
    ...lb.listeners.filter((l) => !removedPorts.has(l.loadBalancerPort)).map((l) => l.instancePort),
    ...create.map((l) => l.instancePort),
  ]);
  const oldPorts = new Set(remove.map((l) => l.instancePort));
  const after = [...oldPorts].flatMap((instancePort) => {
    const current = policiesAt(lb, instancePort);
    return usedAfter.has(instancePort) || current.length === 0
      ? []
      : [{ instancePort, before: current, policyNames: [] }];
  });
  return { before, after };
};
