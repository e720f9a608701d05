import type { ReplaceListeners } from '@statika/core';
import type { Journal } from './journal.js';

/** A journal that lives as long as the process: for tests, `--dry-run` and embedding without a state dir. */
export const createMemoryJournal = (): Journal => {
  const byLoadBalancer = new Map<string, ReplaceListeners>();
  return {
    entries: async () => [...byLoadBalancer.values()],
    record: async (action) => {
      byLoadBalancer.delete(action.loadBalancerName);
      byLoadBalancer.set(action.loadBalancerName, action);
    },
    clear: async (action) => {
      byLoadBalancer.delete(action.loadBalancerName);
    },
  };
};
