import type { Actuator, AwsError } from '@statika/aws';
import type { ReplaceListeners } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import type { Journal } from './journal.js';

/**
 * The actuator with the journal around listener replacements: the replacement is recorded before its
 * delete as the actuator is about to make it (its listeners with the policies they must end with, which
 * the actuator decides from every host's record), and if the record fails, nothing is deleted and the
 * action fails as retryable; it is cleared once
 * AWS holds a complete set of listeners again ('applied' or 'restored'). A failure or a conflict keeps
 * the entry: the next reconcile recovers what the load balancer lacks.
 */
export const withJournal = (actuator: Actuator, journal: Journal): Actuator => ({
  apply: async (action, hooks) => {
    if (action.type !== 'replaceListeners') return actuator.apply(action, hooks);
    let recordError: unknown;
    const beforeDelete = async (journaled: ReplaceListeners) => {
      await journal.record(journaled).catch((e: unknown) => {
        recordError = e;
        throw e;
      });
      await hooks?.beforeDelete?.(journaled);
    };
    const outcome = await actuator.apply(action, { beforeDelete }).catch((e: unknown) => {
      if (recordError === undefined) throw e;
      return undefined;
    });
    if (recordError !== undefined || outcome === undefined) {
      return E.left(journalWriteError(action.loadBalancerName, recordError));
    }
    if (E.isRight(outcome) && outcome.right.type !== 'conflict') {
      // A clear that fails leaves an entry whose listeners all exist: its recovery has nothing to do.
      await journal.clear(action).catch(() => {});
    }
    return outcome;
  },
});

const journalWriteError = (loadBalancerName: string, e: unknown): AwsError => ({
  _tag: 'AwsError',
  retryable: true,
  service: 'file',
  operation: 'JournalWrite',
  resource: loadBalancerName,
  code: 'JournalWriteFailed',
  message: `the journal could not be written, nothing was deleted: ${e instanceof Error ? e.message : String(e)}`,
});
