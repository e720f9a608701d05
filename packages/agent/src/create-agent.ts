import { BehaviorSubject, type Observable, ReplaySubject, Subject, subscribeOn } from 'rxjs';
import type { AgentDependencies } from './agent-dependencies.js';
import type { AgentEvent } from './agent-event.js';
import type { AgentStatus } from './agent-status.js';
import { agentEventOf } from './pipeline/agent-event-of.js';
import { agentStatusOf } from './pipeline/agent-status-of.js';
import { controller$ } from './pipeline/controller.js';
import { initialState } from './pipeline/controller-state.js';
import { pipelineDependencies } from './pipeline/pipeline-dependencies.js';
import type { Progress } from './pipeline/progress.js';
import type { StopRequest } from './pipeline/stop-request.js';

/** A running agent. */
export interface AgentHandle {
  /** The agent's status, published after every reconcile and file reload; replays the latest. */
  readonly status$: Observable<AgentStatus>;
  /** What happens, as it happens: reconciles, actions, file reloads, observation errors, journal recoveries. */
  readonly events$: Observable<AgentEvent>;
  /** The latest status. */
  status(): AgentStatus;
  /**
   * Stops: no new work starts, the action in flight finishes (the journal stays consistent), then, when
   * the configuration says `deregisterOnExit` or `deregister` is given, this instance leaves every
   * configured load balancer. Resolves when all that is done; calling it again changes nothing.
   */
  stop(options?: { readonly deregister?: boolean }): Promise<void>;
  /** Resolves once the agent has stopped. */
  readonly done: Promise<void>;
}

/**
 * Starts the controller on the given dependencies (on the scheduler's next turn, so that subscribers
 * attached right after this call see everything). The agent runs until `stop()`; nothing it meets at
 * run time (AWS errors, bad files, a crash of one stage) stops it.
 */
export const createAgent = (deps: AgentDependencies): AgentHandle => {
  const logger = deps.logger;
  const stop$ = new ReplaySubject<StopRequest>(1);
  const status$ = new BehaviorSubject<AgentStatus>(
    agentStatusOf(initialState(deps.configurationSource.url, deps.servicesSource.url)),
  );
  const events$ = new Subject<AgentEvent>();

  const done = new Promise<void>((resolve) => {
    const finish = () => {
      events$.complete();
      status$.complete();
      resolve();
    };
    controller$(pipelineDependencies(deps, stop$))
      .pipe(subscribeOn(deps.scheduler))
      .subscribe({
        next: ({ progress, state }) => {
          logUnusual(logger, progress);
          const event = agentEventOf(progress);
          if (event !== undefined) events$.next(event);
          if (publishesStatus(progress)) status$.next(agentStatusOf(state));
        },
        error: (error: unknown) => {
          logger.error({ err: error }, 'the agent stopped on an unexpected error');
          finish();
        },
        complete: finish,
      });
  });

  return {
    status$: status$.asObservable(),
    events$: events$.asObservable(),
    status: () => status$.getValue(),
    stop: (stopOptions) => {
      stop$.next({ deregister: stopOptions?.deregister ?? false });
      return done;
    },
    done,
  };
};

const publishesStatus = (p: Progress): boolean => p.type === 'file' || p.type === 'reconciled';

/** What the events do not say: the agent's own failures and dropped journal entries. */
const logUnusual = (logger: AgentDependencies['logger'], p: Progress): void => {
  if (p.type === 'unexpected')
    logger.error({ err: p.error, stage: p.stage }, `unexpected error in ${p.stage}`);
  if (p.type === 'journal' && p.outcome.type === 'abandoned') {
    logger.warn(
      { loadBalancer: p.entry.loadBalancerName },
      `journal entry of ${p.entry.loadBalancerName} dropped: the load balancer is no longer configured`,
    );
  }
  if (p.type === 'journal' && p.outcome.type === 'failed') {
    logger.warn(
      { loadBalancer: p.entry.loadBalancerName, code: p.outcome.error.code },
      `journaled listeners of ${p.entry.loadBalancerName} not recovered yet: ${p.outcome.error.message}`,
    );
  }
};
