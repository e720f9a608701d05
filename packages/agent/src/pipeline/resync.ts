import {
  concat,
  defer,
  distinctUntilChanged,
  EMPTY,
  map,
  type Observable,
  pairwise,
  repeat,
  type SchedulerLike,
  startWith,
  switchMap,
  timer,
} from 'rxjs';

/** The resync period with ±10 % jitter, so that the agents of a cluster spread their AWS calls out. */
export const jitteredInterval = (intervalMs: number, random: () => number): number =>
  Math.round(intervalMs * (0.9 + 0.2 * random()));

/**
 * The first period after the interval grew: anywhere from half to one and a half of it. Agents whose
 * interval grows together (a fleet that starts at once, then learns its size from its first observation)
 * would otherwise keep resyncing in step, within ±10 % of each other; this spreads them over a whole
 * period while keeping the mean, so the fleet's rate stays what the budget gave.
 */
export const spreadInterval = (intervalMs: number, random: () => number): number =>
  Math.round(intervalMs * (0.5 + random()));

/**
 * A tick every resync interval, each period drawn again with jitter. The interval follows the state in
 * force: when `intervalMs$` gives a new value the period restarts from that moment (spread wide when it
 * grew). Emits the scheduler time of each tick.
 */
export const resync$ = (
  intervalMs$: Observable<number>,
  deps: { readonly scheduler: SchedulerLike; readonly random: () => number },
): Observable<number> =>
  intervalMs$.pipe(
    distinctUntilChanged(),
    startWith<number | undefined>(undefined),
    pairwise(),
    switchMap(([previous, current]) => {
      if (current === undefined) return EMPTY;
      const first = previous !== undefined && current > previous ? spreadInterval : jitteredInterval;
      const period$ = (draw: typeof jitteredInterval) =>
        defer(() => timer(draw(current, deps.random), deps.scheduler));
      return concat(period$(first), period$(jitteredInterval).pipe(repeat())).pipe(
        map(() => deps.scheduler.now()),
      );
    }),
  );
