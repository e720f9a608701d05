import type { ForwardingRule } from './forwarding-rule.js';
import type { Observation } from './observation.js';

/**
 * What the plan asks of this host's forwarding rules (node-port mode). The driver replaces the whole
 * table in one atomic transaction, so the plan wants a whole rule set rather than per-rule edits.
 */
export type ForwardingPlan =
  /** The kernel already holds `rules` (none when no service uses node-port mode): nothing to do. */
  | { readonly type: 'in-sync'; readonly rules: readonly ForwardingRule[] }
  /** Replace the table's rules `before` with `after`, in one transaction. */
  | {
      readonly type: 'replace';
      readonly before: readonly ForwardingRule[];
      readonly after: readonly ForwardingRule[];
    }
  /** Node-port services are configured but the rules could not be read (no host driver): nothing is done. */
  | { readonly type: 'unobserved'; readonly reason: string };

/** The core's model of the host driver: the observation a later read of the rules would give. */
export const applyForwarding = (plan: ForwardingPlan, observation: Observation): Observation =>
  plan.type === 'replace' ? { ...observation, forwarding: [...plan.after] } : observation;
