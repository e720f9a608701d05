import { type Actuator, type ApplyHooks, journalFailed } from '@statika/aws';
import type { ReplaceListeners } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import type { Journal } from './journal.js';

/**
 * The actuator with the journal around listener replacements. The replacement is recorded as the
 * actuator is about to make it (its listeners with the policies they must end with, which the actuator
 * decides from every host's record), before its delete; a record that fails is the action's result, a
 * `journal` failure, and nothing is deleted. The entry is cleared once AWS holds a complete set of
 * listeners again ('applied' or 'restored'); a failure or a conflict keeps it, and the next reconcile
 * recovers what the load balancer lacks. The actuator knows nothing of the journal.
 */
export const withJournal = (actuator: Actuator, journal: Journal): Actuator => ({
  apply: async (action, hooks) => {
    if (action.type !== 'replaceListeners') return actuator.apply(action, hooks);
    const outcome = await actuator.apply(action, { beforeDelete: recordBefore(journal, hooks) });
    if (E.isRight(outcome) && outcome.right.type !== 'conflict') {
      // A clear that fails leaves an entry whose listeners all exist: its recovery has nothing to do.
      await journal.clear(action).catch(() => {});
    }
    return outcome;
  },
});

const recordBefore =
  (journal: Journal, hooks: ApplyHooks | undefined) => async (journaled: ReplaceListeners) => {
    const recorded = await journal.record(journaled).then(
      () => E.right(undefined),
      (e: unknown) => E.left(journalFailed(journaled.loadBalancerName, e)),
    );
    if (E.isLeft(recorded) || hooks?.beforeDelete === undefined) return recorded;
    return hooks.beforeDelete(journaled);
  };
