import * as E from 'fp-ts/lib/Either.js';
import { EMPTY, mergeMap, take, takeUntil } from 'rxjs';
import { backingOff, backoffAfter } from './backoff-progress.js';
import { specOf } from './controller-state.js';
import type { Progress } from './progress.js';
import type { Stage } from './stage.js';

/**
 * Who this agent is (in the configured cluster), asked once and then kept for the life of the process. Until a source answers, every
 * failure backs off (whatever its kind: an ECS agent that is still starting answers later).
 */
export const resolveIdentity: Stage = (state, deps) => {
  const spec = specOf(state);
  if (spec === undefined || state.identity !== undefined || backingOff(state, 'identity', deps)) return EMPTY;
  return deps.ports.identity(spec.configuration.cluster).pipe(
    take(1),
    takeUntil(deps.stop$),
    mergeMap((result): Progress[] => [
      { type: 'identity', at: deps.scheduler.now(), result },
      ...backoffAfter(state, 'identity', E.isLeft(result), deps),
    ]),
  );
};
