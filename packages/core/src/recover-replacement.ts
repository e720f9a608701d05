import type { ReplaceListeners } from './action.js';
import type { LoadBalancer } from './observation.js';

/**
 * What a restarted agent must still do for a journaled listener replacement (it may have crashed
 * between the delete and the create): create the journaled listeners whose load balancer port the load
 * balancer now lacks, removing nothing. Undefined when nothing is left to do or the load balancer is gone.
 */
export const recoverReplacement = (
  journaled: ReplaceListeners,
  lb: LoadBalancer | undefined,
): ReplaceListeners | undefined => {
  if (lb === undefined) return undefined;
  const present = new Set(lb.listeners.map((l) => l.loadBalancerPort));
  const create = journaled.create.filter((l) => !present.has(l.loadBalancerPort));
  return create.length === 0 ? undefined : { ...journaled, remove: [], create };
};
