import type { ReplaceListeners } from '@statika/core';

/**
 * Durable memory of listener replacements in flight. Before a replacement deletes listeners, the agent
 * records it; once AWS holds the new listeners (or the old ones were restored) it clears it. Whatever a
 * crash leaves behind is finished at the next start (`recoverReplacement`). One entry per load balancer:
 * a newer record for the same load balancer replaces the older one.
 */
export interface Journal {
  /** Every outstanding replacement, oldest first. */
  entries(): Promise<readonly ReplaceListeners[]>;
  /** Resolves only once the entry is durable. */
  record(action: ReplaceListeners): Promise<void>;
  /** Forgets the load balancer's entry; clearing what is not there is not an error. */
  clear(action: ReplaceListeners): Promise<void>;
}
