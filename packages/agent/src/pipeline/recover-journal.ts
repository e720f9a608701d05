import { type Failure, type LoadBalancersRead, unexpected } from '@statika/aws';
import { type ReplaceListeners, recoverReplacement, type Spec } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import {
  catchError,
  concat,
  concatMap,
  EMPTY,
  from,
  map,
  mergeMap,
  type Observable,
  of,
  take,
  takeUntil,
} from 'rxjs';
import { specOf } from './controller-state.js';
import type { JournalOutcome, Progress } from './progress.js';
import type { RunContext, Step } from './run-context.js';

/**
 * Finishes the listener replacements a crash or a failed create left in the journal, first of all: it
 * needs only the journaled load balancers (one DescribeLoadBalancers call), not the files nor the
 * identity, so a host restarted while a file is bad still puts its listeners back. Whatever listeners a
 * load balancer lacks of an entry (or lacks the policies of) are created, this host's record of policies
 * on the load balancer is removed (see `recoverReplacement`), then the entry is cleared; the
 * observation that follows sees them. An entry that cannot be finished stays, and its load balancer is
 * left alone for this reconcile. Once the services file is in force, an entry for a load balancer it no
 * longer names is dropped.
 */
export const recoverJournal: Step = (state, context) => {
  if (context.dryRun) return EMPTY;
  const spec = specOf(state);
  return context.ports.journal.entries().pipe(
    take(1),
    mergeMap((entries) => (entries.length === 0 ? EMPTY : recoverEntries$(entries, spec, context))),
    catchError((error: unknown) =>
      of<Progress>({ type: 'unexpected', at: context.scheduler.now(), stage: 'journal', error }),
    ),
  );
};

const recoverEntries$ = (
  entries: readonly ReplaceListeners[],
  spec: Spec | undefined,
  context: RunContext,
): Observable<Progress> => {
  const configured = spec && new Set<string>(spec.services.map((s) => s.loadBalancerName));
  const dropped = entries.filter((e) => configured !== undefined && !configured.has(e.loadBalancerName));
  const live = entries.filter((e) => !dropped.includes(e));
  const names = live.map((e) => e.loadBalancerName);
  const read$ =
    live.length === 0
      ? EMPTY
      : context.ports.loadBalancers(names).pipe(
          take(1),
          takeUntil(context.interrupted$),
          catchError((e: unknown) =>
            of(
              E.left(
                unexpected(
                  { service: 'elb', operation: 'DescribeLoadBalancers', resource: names.join(',') },
                  e,
                ),
              ),
            ),
          ),
          mergeMap((read) =>
            E.isLeft(read)
              ? from(live.map((entry) => report(entry, { type: 'failed', error: read.left }, context)))
              : from(live).pipe(concatMap((entry) => recoverEntry$(entry, read.right, context))),
          ),
        );
  return concat(
    from(dropped).pipe(concatMap((entry) => clear$(entry, { type: 'abandoned' }, context))),
    read$,
  );
};

const report = (entry: ReplaceListeners, outcome: JournalOutcome, context: RunContext): Progress => ({
  type: 'journal',
  at: context.scheduler.now(),
  entry,
  outcome,
});

const clear$ = (
  entry: ReplaceListeners,
  outcome: JournalOutcome,
  context: RunContext,
): Observable<Progress> =>
  context.ports.journal.clear(entry).pipe(
    take(1),
    map(() => report(entry, outcome, context)),
  );

const recoverEntry$ = (
  entry: ReplaceListeners,
  read: LoadBalancersRead,
  context: RunContext,
): Observable<Progress> => {
  // A load balancer that is gone has nothing left to finish.
  const lb = read.loadBalancers.find((l) => l.name === entry.loadBalancerName);
  const action = recoverReplacement(entry, lb);
  if (action === undefined) return clear$(entry, { type: 'complete' }, context);
  return context.ports.apply(action).pipe(
    take(1),
    catchError((e: unknown) =>
      of(
        E.left(unexpected({ service: 'elb', operation: action.type, resource: action.loadBalancerName }, e)),
      ),
    ),
    mergeMap((outcome) => {
      const failure: Failure | undefined = E.isLeft(outcome)
        ? outcome.left
        : outcome.right.type === 'applied'
          ? undefined
          : outcome.right.error;
      if (failure !== undefined) return of(report(entry, { type: 'failed', error: failure }, context));
      // Nothing created: the action only removed this host's record of policies.
      const done: JournalOutcome =
        action.create.length === 0
          ? { type: 'complete' }
          : { type: 'recovered', listeners: action.create.length };
      return clear$(entry, done, context);
    }),
  );
};
