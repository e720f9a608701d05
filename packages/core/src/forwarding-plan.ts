import * as t from 'io-ts';
import { ForwardingRule } from './forwarding-rule.js';
import type { Observation } from './observation.js';

/**
 * What the plan asks of this host's forwarding rules (node-port mode). The driver replaces the whole
 * table in one atomic transaction, so the plan wants a whole rule set rather than per-rule edits.
 */
export const ForwardingPlan = t.union([
  /** The kernel already holds `rules` (none when no service uses node-port mode): nothing to do. */
  t.readonly(t.type({ type: t.literal('in-sync'), rules: t.readonlyArray(ForwardingRule) })),
  /** Replace the table's rules `before` with `after`, in one transaction. */
  t.readonly(
    t.type({
      type: t.literal('replace'),
      before: t.readonlyArray(ForwardingRule),
      after: t.readonlyArray(ForwardingRule),
    }),
  ),
  /** Node-port services are configured but the rules could not be read (no host driver): nothing is done. */
  t.readonly(t.type({ type: t.literal('unobserved'), reason: t.string })),
]);
export type ForwardingPlan = t.TypeOf<typeof ForwardingPlan>;

/** The core's model of the host driver: the observation a later read of the rules would give. */
export const applyForwarding = (plan: ForwardingPlan, observation: Observation): Observation =>
  plan.type === 'replace' ? { ...observation, forwarding: [...plan.after] } : observation;
