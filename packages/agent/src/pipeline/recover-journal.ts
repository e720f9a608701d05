import { type Observation, type ReplaceListeners, recoverReplacement } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import {
  catchError,
  concat,
  concatMap,
  defer,
  EMPTY,
  from,
  map,
  mergeMap,
  type Observable,
  of,
  take,
  tap,
} from 'rxjs';
import { specOf } from './controller-state.js';
import { observeOnce$ } from './observe.js';
import type { JournalOutcome, Progress } from './progress.js';
import type { RunContext, Step } from './run-context.js';
import { unexpectedError } from './unexpected-error.js';

/**
 * Finishes the listener replacements a crash or a failed create left in the journal, before anything
 * else is planned: whatever listeners the load balancer lacks of an entry are created, then the entry is
 * cleared. When something was recreated the state is observed again, so the plan sees it. An entry that
 * cannot be finished stays, and its load balancer is left alone for this reconcile.
 */
export const recoverJournal: Step = (state, context) => {
  const spec = specOf(state);
  const observation = state.run?.observation;
  if (spec === undefined || state.identity === undefined || observation === undefined || context.dryRun)
    return EMPTY;
  const identity = state.identity;
  return context.ports.journal.entries().pipe(
    take(1),
    mergeMap((entries) =>
      defer(() => {
        let recovered = false;
        return concat(
          from(entries).pipe(
            concatMap((entry) => recoverEntry$(entry, observation, context)),
            tap((p) => {
              recovered ||= p.type === 'journal' && p.outcome.type === 'recovered';
            }),
          ),
          defer(() => (recovered ? observeOnce$(spec, identity, state, context) : EMPTY)),
        );
      }),
    ),
    catchError((error: unknown) =>
      of<Progress>({ type: 'unexpected', at: context.scheduler.now(), stage: 'journal', error }),
    ),
  );
};

const recoverEntry$ = (
  entry: ReplaceListeners,
  observation: Observation,
  context: RunContext,
): Observable<Progress> => {
  const report = (outcome: JournalOutcome): Progress => ({
    type: 'journal',
    at: context.scheduler.now(),
    entry,
    outcome,
  });
  const clear$ = (outcome: JournalOutcome) =>
    context.ports.journal.clear(entry).pipe(
      take(1),
      map(() => report(outcome)),
    );
  const lb = observation.loadBalancers.find((l) => l.name === entry.loadBalancerName);
  const gone = (observation.missingLoadBalancers ?? []).includes(entry.loadBalancerName);
  if (lb === undefined && !gone) return clear$({ type: 'abandoned' });
  const action = recoverReplacement(entry, lb);
  if (action === undefined) return clear$({ type: 'complete' });
  return context.ports.apply(action).pipe(
    take(1),
    catchError((e: unknown) => of(E.left(unexpectedError('elb', action.type, action.loadBalancerName, e)))),
    mergeMap((outcome) => {
      if (E.isLeft(outcome)) return of(report({ type: 'failed', error: outcome.left }));
      const done = outcome.right;
      return done.type === 'applied'
        ? clear$({ type: 'recovered', listeners: action.create.length })
        : of(report({ type: 'failed', error: done.error }));
    }),
  );
};
