import type { Failure, LoadBalancersRead } from '@statika/aws';
import { type ReplaceListeners, recoverReplacement, type Spec } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { concat, concatMap, EMPTY, from, map, mergeMap, type Observable, of, take, takeUntil } from 'rxjs';
import { specOf } from './controller-state.js';
import type { PipelineDependencies } from './pipeline-dependencies.js';
import type { JournalOutcome, Progress } from './progress.js';
import type { Stage } from './stage.js';

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
export const recoverJournal: Stage = (state, deps) => {
  if (deps.dryRun) return EMPTY;
  const spec = specOf(state);
  return deps.ports.journal.entries().pipe(
    take(1),
    mergeMap((entries) => (entries.length === 0 ? EMPTY : recoverEntries$(entries, spec, deps))),
  );
};

const recoverEntries$ = (
  entries: readonly ReplaceListeners[],
  spec: Spec | undefined,
  deps: PipelineDependencies,
): Observable<Progress> => {
  const configured = spec && new Set<string>(spec.services.map((s) => s.loadBalancerName));
  const dropped = entries.filter((e) => configured !== undefined && !configured.has(e.loadBalancerName));
  const live = entries.filter((e) => !dropped.includes(e));
  const names = live.map((e) => e.loadBalancerName);
  const read$ =
    live.length === 0
      ? EMPTY
      : deps.ports.loadBalancers(names).pipe(
          take(1),
          takeUntil(deps.stop$),
          mergeMap((read) =>
            E.isLeft(read)
              ? from(live.map((entry) => report(entry, { type: 'failed', error: read.left }, deps)))
              : from(live).pipe(concatMap((entry) => recoverEntry$(entry, read.right, deps))),
          ),
        );
  return concat(from(dropped).pipe(concatMap((entry) => clear$(entry, { type: 'abandoned' }, deps))), read$);
};

const report = (entry: ReplaceListeners, outcome: JournalOutcome, deps: PipelineDependencies): Progress => ({
  type: 'journal',
  at: deps.scheduler.now(),
  entry,
  outcome,
});

const clear$ = (
  entry: ReplaceListeners,
  outcome: JournalOutcome,
  deps: PipelineDependencies,
): Observable<Progress> =>
  deps.ports.journal.clear(entry).pipe(
    take(1),
    map(() => report(entry, outcome, deps)),
  );

const recoverEntry$ = (
  entry: ReplaceListeners,
  read: LoadBalancersRead,
  deps: PipelineDependencies,
): Observable<Progress> => {
  // A load balancer that is gone has nothing left to finish.
  const lb = read.loadBalancers.find((l) => l.name === entry.loadBalancerName);
  const action = recoverReplacement(entry, lb);
  if (action === undefined) return clear$(entry, { type: 'complete' }, deps);
  return deps.ports.apply(action).pipe(
    take(1),
    mergeMap((outcome) => {
      const failure: Failure | undefined = E.isLeft(outcome)
        ? outcome.left
        : outcome.right.type === 'applied'
          ? undefined
          : outcome.right.error;
      if (failure !== undefined) return of(report(entry, { type: 'failed', error: failure }, deps));
      // Nothing created: the action only removed this host's record of policies.
      const done: JournalOutcome =
        action.create.length === 0
          ? { type: 'complete' }
          : { type: 'recovered', listeners: action.create.length };
      return clear$(entry, done, deps);
    }),
  );
};
