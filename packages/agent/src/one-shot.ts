// One pass, without the controller's loop: read the files once (`loadSpec`), observe and plan once
// (`observeAndPlan`, `statika plan`), reconcile once (`runOnce`, `statika run --once`).
import { type Failure, type FileSource, type Identity, unexpected } from '@statika/aws';
import {
  decodeConfigurationFile,
  decodeServicesFile,
  formatProblem,
  needsChange,
  type Observation,
  type PlanResult,
  plan,
  type Spec,
} from '@statika/core';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom, NEVER, tap } from 'rxjs';
import type { AgentDependencies } from './agent-dependencies.js';
import type { AgentEvent } from './agent-event.js';
import type { AgentStatus } from './agent-status.js';
import { agentEventOf } from './pipeline/agent-event-of.js';
import { agentStatusOf } from './pipeline/agent-status-of.js';
import { type ControllerState, type FileState, initialState, specOf } from './pipeline/controller-state.js';
import { withForwardingRules } from './pipeline/host-ports.js';
import { pipelineDependencies } from './pipeline/pipeline-dependencies.js';
import type { FileOutcome } from './pipeline/progress.js';
import { reconcileRun$ } from './pipeline/reconcile-run.js';
import { type Decode, outcomeOf } from './pipeline/reload-files.js';

export interface SpecSources {
  readonly configurationSource: FileSource;
  readonly servicesSource: FileSource;
}

export interface LoadedSpec {
  readonly spec: Spec;
  /** Formatted warnings (unknown fields): the files are used anyway. */
  readonly warnings: readonly string[];
}

/**
 * Reads and decodes both files once: the spec, or every problem of both files, each formatted on one
 * line (`services.json: services[2].loadBalancerName: expected a non-empty string, got 42`).
 */
export const loadSpec = async (sources: SpecSources): Promise<Either<readonly string[], LoadedSpec>> => {
  const [configuration, services] = await Promise.all([
    readOnce(sources.configurationSource, decodeConfigurationFile),
    readOnce(sources.servicesSource, decodeServicesFile),
  ]);
  if (configuration.type === 'loaded' && services.type === 'loaded') {
    return E.right({
      spec: { configuration: configuration.value, services: services.value },
      warnings: [...configuration.warnings, ...services.warnings].map(formatProblem),
    });
  }
  return E.left([
    ...problemsOf(sources.configurationSource.url, configuration),
    ...problemsOf(sources.servicesSource.url, services),
  ]);
};

const readOnce = async <A>(source: FileSource, decode: Decode<A>): Promise<FileOutcome<A>> => {
  const file: FileState<A> = { url: source.url, loaded: undefined, error: undefined, failure: undefined };
  const read = await source.read().catch((e: unknown) => E.left(readFailure(source.url, e)));
  return outcomeOf(read, file, decode);
};

const problemsOf = <A>(url: string, outcome: FileOutcome<A>): readonly string[] => {
  switch (outcome.type) {
    case 'loaded':
      return [];
    case 'unchanged':
      return [`${url}: the source answered "unchanged" to a first read`];
    case 'invalid':
      return outcome.problems.map(formatProblem);
    case 'error':
      // A file source's message already names the URL.
      return [`${outcome.error.message} (${outcome.error.code})`];
  }
};

const readFailure = (url: string, e: unknown): Failure =>
  unexpected({ service: 'file', operation: 'Read', resource: url }, e);

/** Observes once and plans, changing nothing: `statika plan`. */
export const observeAndPlan = async (
  deps: Pick<AgentDependencies, 'observer' | 'hostDriver'>,
  spec: Spec,
  identity: Identity,
  now: number,
): Promise<Either<Failure, { readonly observation: Observation; readonly plan: PlanResult }>> => {
  const observed = await withForwardingRules(
    spec,
    await deps.observer.observe(spec, identity),
    deps.hostDriver,
  );
  return E.map((observation: Observation) => ({ observation, plan: plan(spec, observation, now) }))(observed);
};

/** Exit codes of a single reconcile (`statika run --once`). */
export type OnceExitCode =
  /** Every service is in sync after applying. */
  | 0
  /** A service is not in sync, or something failed (try again). */
  | 1
  /** The configuration can never work as it is (a file is invalid or unreadable). */
  | 2;

export interface OnceResult {
  readonly status: AgentStatus;
  readonly exitCode: OnceExitCode;
  readonly events: readonly AgentEvent[];
}

/**
 * One reconcile, exactly as the controller runs it at start-up (files, identity, journal recovery,
 * observe, plan, apply), without retries: `statika run --once`. `onEvent` sees each event as it happens.
 */
export const runOnce = async (
  deps: AgentDependencies,
  onEvent: (event: AgentEvent) => void = () => {},
): Promise<OnceResult> => {
  const events: AgentEvent[] = [];
  const start = initialState(deps.configurationSource.url, deps.servicesSource.url);
  const last = await lastValueFrom(
    reconcileRun$(start, 'startup', pipelineDependencies(deps, NEVER)).pipe(
      tap(({ progress }) => {
        const event = agentEventOf(progress);
        if (event === undefined) return;
        events.push(event);
        onEvent(event);
      }),
    ),
    { defaultValue: undefined },
  );
  const final = last?.state ?? start;
  return { status: agentStatusOf(final), exitCode: onceExitCode(final), events };
};

/**
 * 2 when the files can never work as they are, 1 when anything failed or a service is not in sync (a
 * service the plan cannot handle, such as one whose load balancer does not exist, counts), else 0.
 */
export const onceExitCode = (state: ControllerState): OnceExitCode => {
  if (specOf(state) === undefined) {
    const hopeless = (f: FileState<unknown>) => f.failure === 'invalid' || f.failure === 'unreadable';
    return hopeless(state.configurationFile) || hopeless(state.servicesFile) ? 2 : 1;
  }
  const run = state.run;
  if (run === undefined || run.failure !== undefined || run.observation === undefined) return 1;
  return state.reports.every((r) => !needsChange(r) && r.state !== 'error') ? 0 : 1;
};
