import {
  BehaviorSubject,
  concat,
  defer,
  distinctUntilChanged,
  EMPTY,
  filter,
  finalize,
  map,
  merge,
  type Observable,
  of,
  switchMap,
  take,
  takeUntil,
  tap,
  timer,
} from 'rxjs';
import type { ReconcileTrigger } from '../agent-event.js';
import { nextRetryAt } from './backoff.js';
import { coalesce } from './coalesce.js';
import { advance, type ControllerState, initialState, specOf } from './controller-state.js';
import { deregisterOnExit$ } from './deregister-on-exit.js';
import { type LocalEvents, localChange$ } from './local-watch.js';
import type { Progress } from './progress.js';
import { reconcileRun$ } from './reconcile-run.js';
import { resync$ } from './resync.js';
import { resyncIntervalMs } from './resync-interval-of.js';
import type { RunContext } from './run-context.js';
import { watchedFamilies } from './watched-families.js';

export interface ControllerOptions extends Omit<RunContext, 'stopped' | 'interrupted$'> {
  readonly localWatchIntervalMs: number;
  /** This host's container events: the local watch then reads the local tasks only around a change. */
  readonly localEvents?: LocalEvents;
}

/** What `stop()` asks: finish the action in flight, then (optionally) leave every load balancer. */
export interface StopRequest {
  readonly deregister: boolean;
}

/** Each piece of progress with the controller's state after it. */
export interface ControllerUpdate {
  readonly progress: Progress;
  readonly state: ControllerState;
}

/**
 * The controller: a reconcile at start-up, then one on every resync tick, local change and backoff
 * expiry, one at a time, triggers during a reconcile coalescing into one more. The state is a fold of
 * the reconciles' progress and feeds back into the triggers (the resync interval, this host's share of
 * the fleet's API budget under the configuration in force; the families to watch; the next retry). When
 * `stop$` emits, no new reconcile starts, the one in flight ends after its current action, the deregistration on exit runs when asked for or
 * configured, and the stream completes. It never errors.
 */
export const controller$ = (
  options: ControllerOptions,
  stop$: Observable<StopRequest>,
): Observable<ControllerUpdate> =>
  defer(() => {
    const { ports, scheduler } = options;
    let state = initialState(ports.configuration.url, ports.services.url);
    let stopRequest: StopRequest | undefined;
    const context: RunContext = {
      ...options,
      stopped: () => stopRequest !== undefined,
      interrupted$: stop$.pipe(take(1)),
    };
    const state$ = new BehaviorSubject(state);

    const resyncTicks$ = resync$(
      state$.pipe(
        map((s) => resyncIntervalMs(s, scheduler.now())),
        filter((ms) => ms !== undefined),
      ),
      options,
    );
    const localChanges$ =
      ports.localTasks === undefined
        ? EMPTY
        : localChange$(state$.pipe(map(watchedFamilies)), {
            localTasks: ports.localTasks,
            intervalMs: options.localWatchIntervalMs,
            scheduler,
            ...(options.localEvents === undefined ? {} : { events: options.localEvents }),
          });
    const retries$ = state$.pipe(
      map((s) => nextRetryAt(s.backoffs, scheduler.now())),
      distinctUntilChanged(),
      switchMap((at) => (at === undefined ? EMPTY : timer(at - scheduler.now(), scheduler))),
    );
    const stopped$ = stop$.pipe(
      take(1),
      tap((request) => {
        stopRequest = request;
      }),
    );
    const triggers$ = merge(
      of<ReconcileTrigger>('startup'),
      resyncTicks$.pipe(map((): ReconcileTrigger => 'resync')),
      localChanges$.pipe(map((): ReconcileTrigger => 'local-change')),
      retries$.pipe(map((): ReconcileTrigger => 'retry')),
    ).pipe(takeUntil(stopped$));

    const reconciles$ = triggers$.pipe(
      coalesce((trigger) => reconcileRun$(state, trigger, context), strongerTrigger),
    );
    const exit$ = defer(() => (leaveOnExit(state, stopRequest) ? deregisterOnExit$(state, context) : EMPTY));

    return concat(reconciles$, exit$).pipe(
      map((progress) => {
        state = advance(state, progress);
        return { progress, state };
      }),
      tap((update) => state$.next(update.state)),
      finalize(() => state$.complete()),
    );
  });

/** Of two coalesced triggers, the one whose reconcile does more: a resync also reloads the files. */
export const strongerTrigger = (a: ReconcileTrigger, b: ReconcileTrigger): ReconcileTrigger => {
  const strength: readonly ReconcileTrigger[] = ['retry', 'local-change', 'resync', 'startup', 'shutdown'];
  return strength.indexOf(b) >= strength.indexOf(a) ? b : a;
};

const leaveOnExit = (state: ControllerState, request: StopRequest | undefined): boolean =>
  request !== undefined && (request.deregister || specOf(state)?.configuration.deregisterOnExit === true);
