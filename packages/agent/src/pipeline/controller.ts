import {
  BehaviorSubject,
  concat,
  connectable,
  defer,
  distinctUntilChanged,
  EMPTY,
  filter,
  finalize,
  map,
  merge,
  type Observable,
  of,
  ReplaySubject,
  switchMap,
  take,
  takeUntil,
  tap,
  timer,
  withLatestFrom,
} from 'rxjs';
import type { ReconcileTrigger } from '../agent-event.js';
import { pendingRetryAt } from './backoff.js';
import { coalesce } from './coalesce.js';
import { type ControllerState, type ControllerUpdate, initialState, specOf } from './controller-state.js';
import { deregisterOnExit$ } from './deregister-on-exit.js';
import { localChange$ } from './local-watch.js';
import type { PipelineDependencies } from './pipeline-dependencies.js';
import { reconcileRun$ } from './reconcile-run.js';
import { resync$ } from './resync.js';
import { resyncIntervalMs } from './resync-interval-of.js';
import type { StopRequest } from './stop-request.js';
import { watchedFamilies } from './watched-families.js';

/**
 * The controller: a reconcile at start-up, then one on every resync tick, local change and backoff
 * expiry, one at a time, triggers during a reconcile coalescing into one more. Every reconcile starts
 * from the state the previous one ended on (`state$`, the fold's output replayed), and that state feeds
 * back into the triggers (the resync interval, this host's share of the fleet's API budget under the
 * configuration in force; the families to watch; the next retry). When `deps.stop$` emits, no new
 * reconcile starts, the one in flight ends after its current action, the deregistration on exit runs
 * when asked for or configured, and the stream completes. It never errors.
 */
export const controller$ = (deps: PipelineDependencies): Observable<ControllerUpdate> =>
  defer(() => {
    const { ports } = deps;
    // One subscription to the caller's stop for the controller's life, replayed: a stage asks "stopped
    // yet?" by subscribing.
    const stop$ = connectable(deps.stop$.pipe(take(1)), {
      connector: () => new ReplaySubject<StopRequest>(1),
      resetOnDisconnect: false,
    });
    const listening = stop$.connect();
    const running: PipelineDependencies = { ...deps, stop$ };
    const state$ = new BehaviorSubject(initialState(ports.configuration.url, ports.services.url));

    const reconciles$ = triggers$(state$, running).pipe(
      takeUntil(stop$),
      coalesce(
        (trigger) =>
          state$.pipe(
            take(1),
            switchMap((state) => reconcileRun$(state, trigger, running)),
          ),
        strongerTrigger,
      ),
    );
    const exit$ = stop$.pipe(
      withLatestFrom(state$),
      switchMap(([request, state]) =>
        leaveOnExit(state, request) ? deregisterOnExit$(state, running) : EMPTY,
      ),
    );

    return concat(reconciles$, exit$).pipe(
      tap((update) => state$.next(update.state)),
      finalize(() => {
        listening.unsubscribe();
        state$.complete();
      }),
    );
  });

/** Start-up, then every resync tick, local change and backoff expiry, as the state in force schedules them. */
const triggers$ = (
  state$: Observable<ControllerState>,
  deps: PipelineDependencies,
): Observable<ReconcileTrigger> => {
  const { scheduler } = deps;
  const resyncTicks$ = resync$(
    state$.pipe(
      map((s) => resyncIntervalMs(s, scheduler.now())),
      filter((ms) => ms !== undefined),
    ),
    deps,
  );
  const retries$ = state$.pipe(
    map((s) => pendingRetryAt(s.backoffs, s.lastTickAt)),
    distinctUntilChanged(),
    switchMap((at) => (at === undefined ? EMPTY : timer(Math.max(0, at - scheduler.now()), scheduler))),
  );
  return merge(
    of<ReconcileTrigger>('startup'),
    resyncTicks$.pipe(map((): ReconcileTrigger => 'resync')),
    localChange$(state$.pipe(map(watchedFamilies)), deps).pipe(map((): ReconcileTrigger => 'local-change')),
    retries$.pipe(map((): ReconcileTrigger => 'retry')),
  );
};

/** Of two coalesced triggers, the one whose reconcile does more: a resync also reloads the files. */
export const strongerTrigger = (a: ReconcileTrigger, b: ReconcileTrigger): ReconcileTrigger => {
  const strength: readonly ReconcileTrigger[] = ['retry', 'local-change', 'resync', 'startup', 'shutdown'];
  return strength.indexOf(b) >= strength.indexOf(a) ? b : a;
};

const leaveOnExit = (state: ControllerState, request: StopRequest): boolean =>
  request.deregister || specOf(state)?.configuration.deregisterOnExit === true;
