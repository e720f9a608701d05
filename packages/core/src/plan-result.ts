import type { Action } from './action.js';
import type { ServiceStatus } from './service-status.js';

/** The output of `plan`: the ordered actions to apply and the status of every configured service. */
export interface PlanResult {
  readonly actions: readonly Action[];
  readonly services: readonly ServiceStatus[];
}
