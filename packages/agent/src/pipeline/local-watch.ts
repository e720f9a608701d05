import type { AwsError, LocalTask } from '@statika/aws';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';
import {
  catchError,
  distinctUntilChanged,
  EMPTY,
  exhaustMap,
  filter,
  interval,
  map,
  type Observable,
  type SchedulerLike,
  skip,
  switchMap,
  take,
} from 'rxjs';

export interface LocalWatchDependencies {
  /** This host's tasks from the ECS agent introspection API: no AWS call, so it can be polled often. */
  readonly localTasks: () => Observable<Either<AwsError, readonly LocalTask[]>>;
  readonly intervalMs: number;
  readonly scheduler: SchedulerLike;
}

/**
 * What the local watch compares between polls: this host's tasks of the watched families, with their
 * statuses and host ports, in a canonical order. Other families' tasks do not count.
 */
export const localFingerprint = (tasks: readonly LocalTask[], families: ReadonlySet<string>): string =>
  tasks
    .filter((task) => families.has(task.family))
    .map((task) => {
      const ports = task.containers.flatMap((c) =>
        c.ports.map((p) => `${c.name}:${p.containerPort}/${p.protocol}->${p.hostPort ?? 0}`),
      );
      return `${task.arn} ${task.desiredStatus} ${task.knownStatus} ${ports.sort().join(',')}`;
    })
    .sort()
    .join('\n');

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean =>
  a.size === b.size && [...a].every((x) => b.has(x));

/**
 * A trigger (the scheduler time) whenever this host's relevant tasks change: one starts, stops, changes
 * status or gets its host port. The first answer is the baseline, and a new set of families starts a new
 * baseline. The watch is only a trigger, the resync is the safety net: its errors are dropped quietly.
 */
export const localChange$ = (
  families$: Observable<ReadonlySet<string>>,
  deps: LocalWatchDependencies,
): Observable<number> =>
  families$.pipe(
    distinctUntilChanged(sameSet),
    switchMap((families) =>
      interval(deps.intervalMs, deps.scheduler).pipe(
        exhaustMap(() =>
          deps.localTasks().pipe(
            take(1),
            catchError(() => EMPTY),
          ),
        ),
        filter(E.isRight),
        map((answer) => answer.right),
        // The reader answers the same list while the ECS agent's answer is unchanged (nearly every poll of
        // a steady host): nothing to fingerprint again.
        distinctUntilChanged(),
        map((tasks) => localFingerprint(tasks, families)),
        distinctUntilChanged(),
        skip(1),
        map(() => deps.scheduler.now()),
      ),
    ),
  );
