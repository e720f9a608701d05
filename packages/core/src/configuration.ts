import * as t from 'io-ts';
import { NonEmptyString, NonNegativeInt, PositiveInt, PositiveNumber } from './refinements.js';

export const TaskSelection = t.keyof({ 'newest-ready': null, single: null });
export type TaskSelection = t.TypeOf<typeof TaskSelection>;

const required = { cluster: NonEmptyString, sleepTimeSeconds: PositiveInt };
const optional = {
  /** How long a ready task must have been running before traffic moves to it. */
  settleTimeSeconds: NonNegativeInt,
  /** `newest-ready` (default) or `single` (Statika 0.1: act only when exactly one task runs on this host). */
  taskSelection: TaskSelection,
  /** Deregister this instance from every configured load balancer on SIGTERM/SIGINT. */
  deregisterOnExit: t.boolean,
  /** ECS reads a second that all the agents of the cluster together aim to spend in a steady state. */
  fleetEcsReadsPerSecond: PositiveNumber,
  /** ELB reads a second that all the agents of the cluster together aim to spend in a steady state. */
  fleetElbReadsPerSecond: PositiveNumber,
};

/**
 * The configuration file as written: Statika 0.1's two fields, plus optional ones with defaults.
 * This codec is the single definition of the format; `docs/configuration.schema.json` is kept in step by a test.
 */
export const ConfigurationFile = t.intersection([t.type(required), t.partial(optional)]);
export type ConfigurationFile = t.TypeOf<typeof ConfigurationFile>;

/** The configuration with every default applied: what the rest of Statika reads, its invariants in its types. */
export const Configuration = t.readonly(t.type({ ...required, ...optional }));
export type Configuration = t.TypeOf<typeof Configuration>;

export const configurationDefaults = {
  settleTimeSeconds: 5 as NonNegativeInt,
  taskSelection: 'newest-ready',
  deregisterOnExit: false,
  // 40 % of the sustained rates AWS documents (ECS cluster reads 20 a second, ELB Describe* 10 a second):
  // the rest of the account (deploy pipelines, the console, autoscaling) keeps the larger share.
  fleetEcsReadsPerSecond: 8 as PositiveNumber,
  fleetElbReadsPerSecond: 4 as PositiveNumber,
} as const satisfies Omit<Configuration, 'cluster' | 'sleepTimeSeconds'>;

export const withConfigurationDefaults = (file: ConfigurationFile): Configuration => ({
  ...configurationDefaults,
  ...file,
});
