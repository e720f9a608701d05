import * as t from 'io-ts';
import { Action } from './action.js';
import { ForwardingPlan } from './forwarding-plan.js';
import { ServiceStatus } from './service-status.js';

/**
 * The output of `plan`: the ordered actions to apply, the status of every configured service, and this
 * host's forwarding rules (node-port mode: applied before the actions, since it is local and fast). A
 * codec, so that `statika plan --json` output can be read back by other tooling.
 */
export const PlanResult = t.readonly(
  t.type({
    actions: t.readonlyArray(Action),
    services: t.readonlyArray(ServiceStatus),
    forwarding: ForwardingPlan,
  }),
);
export type PlanResult = t.TypeOf<typeof PlanResult>;
