import {
  defer,
  distinctUntilChanged,
  map,
  type Observable,
  repeat,
  type SchedulerLike,
  switchMap,
  timer,
} from 'rxjs';

/** The resync period with ±10 % jitter, so that the agents of a cluster spread their AWS calls out. */
export const jitteredInterval = (intervalMs: number, random: () => number): number =>
  Math.round(intervalMs * (0.9 + 0.2 * random()));

/**
 * A tick every resync interval, each period drawn again with jitter. The interval follows the loaded
 * configuration: when `intervalMs$` gives a new value the period restarts from that moment. Emits the
 * scheduler time of each tick.
 */
export const resync$ = (
  intervalMs$: Observable<number>,
  deps: { readonly scheduler: SchedulerLike; readonly random: () => number },
): Observable<number> =>
  intervalMs$.pipe(
    distinctUntilChanged(),
    switchMap((intervalMs) =>
      defer(() => timer(jitteredInterval(intervalMs, deps.random), deps.scheduler)).pipe(
        repeat(),
        map(() => deps.scheduler.now()),
      ),
    ),
  );
