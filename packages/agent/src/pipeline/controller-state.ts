import { type Failure, type Identity, isRetryable } from '@statika/aws';
import {
  type Action,
  type Configuration,
  type ForwardingRule,
  formatProblem,
  type LoadBalancerName,
  type Observation,
  type PlanResult,
  type ServiceSpec,
  type ServiceStatus,
  type Spec,
} from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { ReconcileTrigger } from '../agent-event.js';
import type { ServiceReport } from '../agent-status.js';
import type { ReconcileFailure } from '../reconcile-failure.js';
import type { Backoff } from './backoff.js';
import type { ActionReport, BackoffKey, FileOutcome, Progress } from './progress.js';

/** One input file: the last good value (which stays in force) and why the last read was refused, if it was. */
export interface FileState<A> {
  readonly url: string;
  readonly loaded: { readonly value: A; readonly text: string; readonly loadedAt: number } | undefined;
  readonly error: string | undefined;
  /** `invalid` and `unreadable` (a non-retryable read error) can only be fixed by an operator. */
  readonly failure: 'invalid' | 'unreadable' | 'unavailable' | undefined;
}

/** The reconcile in progress (or the last one): what it has found and done so far. */
export interface RunState {
  readonly trigger: ReconcileTrigger;
  readonly startedAt: number;
  readonly observation: Observation | undefined;
  readonly plan: PlanResult | undefined;
  readonly actions: readonly ActionReport[];
  /** The forwarding rules this run put in place (node-port mode), when it swapped them. */
  readonly forwarded: readonly ForwardingRule[] | undefined;
  /** A local change that the last observation was enough for: no AWS read in this run. */
  readonly localOnly: boolean;
  /** Load balancers whose journaled replacement could not be finished: nothing else is done to them. */
  readonly unrecovered: readonly LoadBalancerName[];
  /** The first thing that went wrong in this run. */
  readonly failure: ReconcileFailure | undefined;
}

/** Everything the controller remembers between reconciles; a fold of `Progress` (see `advance`). */
export interface ControllerState {
  readonly configurationFile: FileState<Configuration>;
  readonly servicesFile: FileState<readonly ServiceSpec[]>;
  readonly identity: Identity | undefined;
  readonly backoffs: Readonly<Partial<Record<BackoffKey, Backoff>>>;
  readonly lastTickAt: number | undefined;
  readonly lastObservation: { readonly at: number; readonly error: Failure | undefined } | undefined;
  /** The last good observation: for the local watch's families and the deregistration on exit. */
  readonly observation: Observation | undefined;
  readonly reports: readonly ServiceReport[];
  readonly run: RunState | undefined;
}

export const initialState = (configurationUrl: string, servicesUrl: string): ControllerState => ({
  configurationFile: emptyFile(configurationUrl),
  servicesFile: emptyFile(servicesUrl),
  identity: undefined,
  backoffs: {},
  lastTickAt: undefined,
  lastObservation: undefined,
  observation: undefined,
  reports: [],
  run: undefined,
});

const emptyFile = <A>(url: string): FileState<A> => ({
  url,
  loaded: undefined,
  error: undefined,
  failure: undefined,
});

/** The spec in force: both files' last good values, or nothing until both have loaded once. */
export const specOf = (state: ControllerState): Spec | undefined => {
  const configuration = state.configurationFile.loaded?.value;
  const services = state.servicesFile.loaded?.value;
  return configuration === undefined || services === undefined ? undefined : { configuration, services };
};

/** The controller's state after one more piece of progress. Pure. */
export const advance = (state: ControllerState, p: Progress): ControllerState => {
  switch (p.type) {
    case 'tick':
      return { ...state, lastTickAt: p.at, run: freshRun(p.trigger, p.at) };
    case 'file':
      return p.file === 'configuration'
        ? {
            ...state,
            configurationFile: nextFile(state.configurationFile, p.outcome, p.at),
            identity: sameCluster(state, p.outcome) ? state.identity : undefined,
            run: failWith(state.run, readFailure(p.url, p.outcome)),
          }
        : {
            ...state,
            servicesFile: nextFile(state.servicesFile, p.outcome, p.at),
            run: failWith(state.run, readFailure(p.url, p.outcome)),
          };
    case 'identity':
      return E.isRight(p.result)
        ? { ...state, identity: p.result.right }
        : { ...state, run: failWith(state.run, { type: 'identity', failure: p.result.left }) };
    case 'observed':
      return E.isRight(p.result)
        ? {
            ...state,
            lastObservation: { at: p.at, error: undefined },
            observation: p.result.right,
            run: state.run && { ...state.run, observation: p.result.right },
          }
        : {
            ...state,
            lastObservation: { at: p.at, error: p.result.left },
            run: failWith(state.run && { ...state.run, observation: undefined }, {
              type: 'observe',
              failure: p.result.left,
            }),
          };
    case 'journal':
      return p.outcome.type === 'failed'
        ? {
            ...state,
            run: failWith(
              state.run && {
                ...state.run,
                unrecovered: [...state.run.unrecovered, p.entry.loadBalancerName],
              },
              { type: 'journal', loadBalancerName: p.entry.loadBalancerName, failure: p.outcome.error },
            ),
          }
        : state;
    case 'planned':
      return {
        ...state,
        reports: nextReports(state.reports, p.plan.services, p.at),
        run: state.run && { ...state.run, plan: p.plan },
      };
    case 'action':
      return {
        ...state,
        reports: state.reports.map((r) =>
          r.serviceName === p.report.action.serviceName ? withAction(r, p.report) : r,
        ),
        run: failWith(
          state.run && { ...state.run, actions: [...state.run.actions, p.report] },
          succeeded(p.report)
            ? undefined
            : { type: 'action', action: p.report.action, result: p.report.result, failure: p.report.error },
        ),
      };
    case 'forwarded':
      return {
        ...state,
        run: failWith(
          state.run && {
            ...state.run,
            forwarded: p.report.result === 'applied' ? p.report.after : state.run.forwarded,
          },
          p.report.result === 'failed' ? { type: 'forwarding', failure: p.report.error } : undefined,
        ),
      };
    case 'local-plan':
      return { ...state, run: state.run && { ...state.run, localOnly: p.outcome === 'local' } };
    case 'backoff': {
      const { [p.key]: _previous, ...others } = state.backoffs;
      return { ...state, backoffs: p.backoff === undefined ? others : { ...others, [p.key]: p.backoff } };
    }
    case 'settled':
      return { ...state, reports: nextReports(state.reports, p.services, p.at) };
    case 'reconciled':
      return state;
    case 'unexpected':
      return { ...state, run: failWith(state.run, unexpectedFailure(p.stage, p.error)) };
    default:
      return absurd(p);
  }
};

/** The identity was resolved in the configured cluster: a configuration naming another one asks again. */
const sameCluster = (state: ControllerState, outcome: FileOutcome<Configuration>): boolean =>
  outcome.type !== 'loaded' ||
  state.configurationFile.loaded === undefined ||
  outcome.value.cluster === state.configurationFile.loaded.value.cluster;

const freshRun = (trigger: ReconcileTrigger, at: number): RunState => ({
  trigger,
  startedAt: at,
  observation: undefined,
  plan: undefined,
  actions: [],
  forwarded: undefined,
  localOnly: false,
  unrecovered: [],
  failure: undefined,
});

/** The run with `failure` recorded, unless it already failed: the first failure is the one to tell. */
const failWith = (run: RunState | undefined, failure: ReconcileFailure | undefined): RunState | undefined =>
  run === undefined || failure === undefined || run.failure !== undefined ? run : { ...run, failure };

const readFailure = <A>(url: string, outcome: FileOutcome<A>): ReconcileFailure | undefined => {
  switch (outcome.type) {
    case 'invalid':
      return { type: 'file', url, error: outcome.problems.map(formatProblem).join('; ') };
    case 'error':
      return { type: 'file', url, error: `${outcome.error.code}: ${outcome.error.message}` };
    default:
      return undefined;
  }
};

const unexpectedFailure = (stage: string, error: unknown): ReconcileFailure => ({
  type: 'unexpected',
  stage,
  message: error instanceof Error ? error.message : String(error),
});

const nextFile = <A>(file: FileState<A>, outcome: FileOutcome<A>, at: number): FileState<A> => {
  switch (outcome.type) {
    case 'loaded':
      return {
        ...file,
        loaded: { value: outcome.value, text: outcome.text, loadedAt: at },
        error: undefined,
        failure: undefined,
      };
    case 'unchanged':
      return file;
    case 'invalid':
      return { ...file, error: outcome.problems.map(formatProblem).join('; '), failure: 'invalid' };
    case 'error':
      return {
        ...file,
        error: `${outcome.error.code}: ${outcome.error.message}`,
        failure: isRetryable(outcome.error) ? 'unavailable' : 'unreadable',
      };
    default:
      return absurd(outcome);
  }
};

/** An action report counts as success only when AWS now matches the action (or it was a dry run). */
export const succeeded = (report: ActionReport): boolean =>
  report.result === 'applied' || report.result === 'dry-run';

/** The services' reports for a new set of statuses: `since` moves only when the state changes. */
const nextReports = (
  previous: readonly ServiceReport[],
  statuses: readonly ServiceStatus[],
  at: number,
): readonly ServiceReport[] =>
  statuses.map((status) => {
    const before = previous.find((r) => r.serviceName === status.serviceName);
    return {
      ...status,
      since: before !== undefined && before.state === status.state ? before.since : at,
      lastAction: before?.lastAction,
      lastError: before?.lastError,
    };
  });

const withAction = (report: ServiceReport, { action, result, error, at }: ActionReport): ServiceReport => ({
  ...report,
  lastAction: { action, result, at },
  lastError: error === undefined ? report.lastError : { error, at },
});

/** The actions of this run that AWS now holds: what the status after the run is planned on. */
export const appliedActions = (run: RunState): readonly Action[] =>
  run.actions.filter((r) => r.result === 'applied').map((r) => r.action);
