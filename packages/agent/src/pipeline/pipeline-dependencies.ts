import type { Observable, SchedulerLike } from 'rxjs';
import type { AgentDependencies } from '../agent-dependencies.js';
import { type BackoffPolicy, defaultBackoffPolicy } from './backoff.js';
import { type LocalEvents, localEventsTiming } from './local-watch.js';
import type { Ports } from './ports.js';
import { toPorts } from './promise-ports.js';
import type { StopRequest } from './stop-request.js';

/**
 * The one argument every stage of the pipeline is given besides its input (redux-observable's
 * dependencies): the outside world as observables, the clock, the knobs, and the stop. In production it
 * is derived from the embedder's `AgentDependencies` (`pipelineDependencies`); in marble tests it holds
 * cold observables on a TestScheduler.
 */
export interface PipelineDependencies {
  readonly ports: Ports;
  /** The clock: the pipeline reads time from it and from nothing else. */
  readonly scheduler: SchedulerLike;
  /** In [0, 1): the jitter of the backoff and of the resync. */
  readonly random: () => number;
  readonly backoff: BackoffPolicy;
  /** Report every action as `dry-run`; change nothing. */
  readonly dryRun: boolean;
  /** How often the local watch reads this host's tasks while it has no container events. */
  readonly localWatchIntervalMs: number;
  /** This host's container events: the local watch then reads the local tasks only around a change. */
  readonly localEvents?: LocalEvents;
  /**
   * Emits on `stop()`: no new stage or action starts, and reads in flight are abandoned (an action in
   * flight never is). The controller replays it to every later subscriber.
   */
  readonly stop$: Observable<StopRequest>;
}

/** The pipeline's dependencies over the embedder's: Promise-based adapters become ports, defaults fill in. */
export const pipelineDependencies = (
  deps: AgentDependencies,
  stop$: Observable<StopRequest>,
): PipelineDependencies => ({
  ports: toPorts(deps),
  scheduler: deps.scheduler,
  random: deps.random ?? Math.random,
  backoff: deps.backoff ?? defaultBackoffPolicy,
  dryRun: deps.dryRun ?? false,
  localWatchIntervalMs: deps.localWatchIntervalMs ?? 1000,
  ...(deps.localEvents$ === undefined
    ? {}
    : { localEvents: { events$: deps.localEvents$, ...localEventsTiming } }),
  stop$,
});
