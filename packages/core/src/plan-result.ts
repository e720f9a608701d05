import type { Action } from './action.js';
import type { ForwardingPlan } from './forwarding-plan.js';
import type { ServiceStatus } from './service-status.js';

/**
 * The output of `plan`: the ordered actions to apply, the status of every configured service, and this
 * host's forwarding rules.
 */
export interface PlanResult {
  readonly actions: readonly Action[];
  readonly services: readonly ServiceStatus[];
  /** This host's forwarding rules (node-port mode): applied before the actions, since it is local and fast. */
  readonly forwarding: ForwardingPlan;
}
