import type { ContainerEvent, LocalTask } from '@statika/aws';
import * as E from 'fp-ts/lib/Either.js';
import {
  catchError,
  distinctUntilChanged,
  EMPTY,
  endWith,
  exhaustMap,
  filter,
  interval,
  map,
  type Observable,
  of,
  repeat,
  skip,
  startWith,
  switchMap,
  take,
  takeUntil,
  timer,
} from 'rxjs';
import type { PipelineDependencies } from './pipeline-dependencies.js';

/**
 * This host's container events (the Docker Engine's event stream, where its socket is mounted). While the
 * stream is connected the watch reads the local tasks when a container of a watched family changes, and
 * again every `intervalMs` for `burstMs` while the ECS agent catches up, instead of every `intervalMs` all
 * the time. When the stream ends the watch polls again, and reconnects after `reconnectMs`.
 */
export interface LocalEvents {
  /** Cold: each subscription is one connection; it errors or completes when the stream ends. */
  readonly events$: Observable<ContainerEvent>;
  readonly burstMs: number;
  readonly reconnectMs: number;
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
 * After a container event, the ECS agent takes a moment to show the change in `/v1/tasks` (a started
 * container's host port, its known status): read every poll interval for this long. A stream that ended
 * is tried again this often (polling meanwhile).
 */
export const localEventsTiming = { burstMs: 10_000, reconnectMs: 30_000 } as const;

type EventsSignal = ContainerEvent | { readonly type: 'disconnected' };

/**
 * When to read the local tasks: every `intervalMs` without events, or while they are disconnected; with a
 * connected stream, once on connecting (what changed before it), then only around a watched family's change.
 */
const reads$ = (families: ReadonlySet<string>, deps: PipelineDependencies): Observable<unknown> => {
  const { localEvents: events, localWatchIntervalMs: intervalMs, scheduler } = deps;
  if (events === undefined) return interval(intervalMs, scheduler);
  const signals$ = events.events$.pipe(
    catchError(() => EMPTY),
    endWith<EventsSignal>({ type: 'disconnected' }),
    repeat({ delay: () => timer(events.reconnectMs, scheduler) }),
    startWith<EventsSignal>({ type: 'disconnected' }),
  );
  return signals$.pipe(
    filter((signal) => signal.type !== 'changed' || families.has(signal.family)),
    switchMap((signal) => {
      switch (signal.type) {
        case 'disconnected':
          return interval(intervalMs, scheduler);
        case 'connected':
          return of(0);
        case 'changed':
          return timer(0, intervalMs, scheduler).pipe(takeUntil(timer(events.burstMs, scheduler)));
        default:
          return signal satisfies never;
      }
    }),
  );
};

/**
 * A trigger (the scheduler time) whenever this host's relevant tasks change (never, without `localTasks`): one starts, stops, changes
 * status or gets its host port. The first answer is the baseline, and a new set of families starts a new
 * baseline. The watch is only a trigger, the resync is the safety net: its errors are dropped quietly.
 */
export const localChange$ = (
  families$: Observable<ReadonlySet<string>>,
  deps: PipelineDependencies,
): Observable<number> => {
  const { localTasks } = deps.ports;
  if (localTasks === undefined) return EMPTY;
  return families$.pipe(
    distinctUntilChanged(sameSet),
    switchMap((families) =>
      reads$(families, deps).pipe(
        exhaustMap(() =>
          localTasks().pipe(
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
};
