import { plan } from '@statika/core';
import { EMPTY, from } from 'rxjs';
import { backoffAfter } from './backoff-progress.js';
import { specOf } from './controller-state.js';
import { type Progress, serviceBackoffKey } from './progress.js';
import type { Stage } from './stage.js';

/**
 * The plan (core) for this reconcile's observation. A service the plan finds nothing to do for is past
 * whatever it was backing off from.
 */
export const planStep: Stage = (state, deps) => {
  const spec = specOf(state);
  const observation = state.run?.observation;
  if (spec === undefined || observation === undefined) return EMPTY;
  const result = plan(spec, observation, deps.scheduler.now());
  const busy = new Set(result.actions.map((a) => a.serviceName));
  const settled = result.services
    .filter((s) => !busy.has(s.serviceName))
    .flatMap((s) => backoffAfter(state, serviceBackoffKey(s.serviceName), false, deps));
  return from<readonly Progress[]>([{ type: 'planned', at: deps.scheduler.now(), plan: result }, ...settled]);
};
