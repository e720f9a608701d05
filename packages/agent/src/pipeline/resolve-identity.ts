import { unexpected } from '@statika/aws';
import * as E from 'fp-ts/lib/Either.js';
import { catchError, EMPTY, mergeMap, of, take, takeUntil } from 'rxjs';
import { specOf } from './controller-state.js';
import type { Progress } from './progress.js';
import { backingOff, backoffAfter, type Step } from './run-context.js';

/**
 * Who this agent is (in the configured cluster), asked once and then kept for the life of the process. Until a source answers, every
 * failure backs off (whatever its kind: an ECS agent that is still starting answers later).
 */
export const resolveIdentity: Step = (state, context) => {
  const spec = specOf(state);
  if (spec === undefined || state.identity !== undefined || backingOff(state, 'identity', context))
    return EMPTY;
  return context.ports.identity(spec.configuration.cluster).pipe(
    take(1),
    takeUntil(context.interrupted$),
    catchError((e: unknown) =>
      of(E.left(unexpected({ service: 'ecs-agent', operation: 'Identity', resource: undefined }, e))),
    ),
    mergeMap((result): Progress[] => [
      { type: 'identity', at: context.scheduler.now(), result },
      ...backoffAfter(state, 'identity', E.isLeft(result), context),
    ]),
  );
};
