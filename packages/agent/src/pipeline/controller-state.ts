import type { Failure, Identity } from '@statika/aws';
import type {
  Configuration,
  ForwardingRule,
  LoadBalancerName,
  Observation,
  PlanResult,
  ServiceSpec,
  Spec,
} from '@statika/core';
import type { ReconcileTrigger } from '../agent-event.js';
import type { ServiceReport } from '../agent-status.js';
import type { ReconcileFailure } from '../reconcile-failure.js';
import type { Backoff } from './backoff.js';
import type { ActionReport, BackoffKey, Progress } from './progress.js';

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

/** Everything the controller remembers between reconciles; a fold of `Progress` (`advance`, called by `reconcileRun$` alone). */
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

/** A piece of progress with the controller's state after it: what the one fold (`reconcileRun$`) emits. */
export interface ControllerUpdate {
  readonly progress: Progress;
  readonly state: ControllerState;
}
