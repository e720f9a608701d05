import type { ReplaceListeners } from './action.js';
import { sameListener } from './listener-equality.js';
import type { Listener, LoadBalancer } from './observation.js';

/**
 * What a restarted agent must still do for a journaled listener replacement (it may have crashed
 * between the delete and the create, or the policy restore after the create may have failed): for each
 * journaled load balancer port, create the journaled listener when the load balancer lacks one there,
 * or when the one there is that listener but lacks its policies (creating an identical listener
 * succeeds on AWS, and the actuator then restores the policies). When the create failed and the old
 * listener was put back without its policies, that old listener is created again the same way, so the
 * next plan moves it with its policies. Removes nothing. With nothing left to create, an entry that names
 * its writer still gives an action (creating nothing): the writer's record of policies may still be on
 * the load balancer (a crash after the restore, before the record's removal), and only its writer
 * removes it. Undefined when nothing is left to do or the load balancer is gone.
 */
export const recoverReplacement = (
  journaled: ReplaceListeners,
  lb: LoadBalancer | undefined,
): ReplaceListeners | undefined => {
  if (lb === undefined) return undefined;
  const create = journaled.create.flatMap((wanted) => {
    const port = wanted.loadBalancerPort;
    const present = lb.listeners.find((l) => l.loadBalancerPort === port);
    if (present === undefined || needsPolicies(present, wanted)) return [wanted];
    const old = journaled.remove.find((l) => l.loadBalancerPort === port);
    return old !== undefined && needsPolicies(present, old) ? [old] : [];
  });
  if (create.length === 0 && journaled.writer === undefined) return undefined;
  return { ...journaled, remove: [], create };
};

/** The listener there is `journaled` (policies aside) but lacks some of its policies. */
const needsPolicies = (present: Listener, journaled: Listener): boolean =>
  sameListener(present, journaled) && journaled.policyNames.some((p) => !present.policyNames.includes(p));
