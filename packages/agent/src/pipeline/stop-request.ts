import { EMPTY, map, merge, type Observable, of, switchMap, take } from 'rxjs';

/** What `stop()` asks: finish the action in flight, then (optionally) leave every load balancer. */
export interface StopRequest {
  readonly deregister: boolean;
}

/**
 * `work()`, unless the stop was asked before this moment: then `otherwise()`. `stop$` replays the request
 * (the controller makes sure of it), so a stop already asked answers at once, on subscription; a stop
 * asked later leaves the work alone (each caller decides what a stop does to work in flight).
 */
export const unlessStopped = <A>(
  stop$: Observable<unknown>,
  work: () => Observable<A>,
  otherwise: () => Observable<A> = () => EMPTY,
): Observable<A> =>
  merge(stop$.pipe(map(() => true)), of(false)).pipe(
    take(1),
    switchMap((stopped) => (stopped ? otherwise() : work())),
  );
