import { isRetryable } from '@statika/aws';
import { type Configuration, formatProblem, type ServiceStatus } from '@statika/core';
import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { ReconcileTrigger } from '../agent-event.js';
import type { ServiceReport } from '../agent-status.js';
import type { ReconcileFailure } from '../reconcile-failure.js';
import type { ControllerState, FileState, RunState } from './controller-state.js';
import type { ActionReport, FileOutcome, Progress } from './progress.js';

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
