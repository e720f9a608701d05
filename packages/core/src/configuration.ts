import * as t from 'io-ts';
import { NonEmptyString, NonNegativeInt, PositiveInt } from './refinements.js';

export const TaskSelection = t.keyof({ 'newest-ready': null, single: null });
export type TaskSelection = t.TypeOf<typeof TaskSelection>;

/**
 * The configuration file as written: Statika 0.1's two fields, plus optional ones with defaults.
 * This codec is the single definition of the format; `docs/configuration.schema.json` is kept in step by a test.
 */
export const ConfigurationFile = t.intersection([
  t.type({ cluster: NonEmptyString, sleepTimeSeconds: PositiveInt }),
  t.partial({
    /** How long a ready task must have been running before traffic moves to it. */
    settleTimeSeconds: NonNegativeInt,
    /** `newest-ready` (default) or `single` (Statika 0.1: act only when exactly one task runs on this host). */
    taskSelection: TaskSelection,
    /** Deregister this instance from every configured load balancer on SIGTERM/SIGINT. */
    deregisterOnExit: t.boolean,
  }),
]);
export type ConfigurationFile = t.TypeOf<typeof ConfigurationFile>;

/** The configuration with every default applied: what the rest of Statika reads. */
export interface Configuration {
  readonly cluster: string;
  readonly sleepTimeSeconds: number;
  readonly settleTimeSeconds: number;
  readonly taskSelection: TaskSelection;
  readonly deregisterOnExit: boolean;
}

export const configurationDefaults = {
  settleTimeSeconds: 5,
  taskSelection: 'newest-ready',
  deregisterOnExit: false,
} as const satisfies Omit<Configuration, 'cluster' | 'sleepTimeSeconds'>;

export const withConfigurationDefaults = (file: ConfigurationFile): Configuration => ({
  ...configurationDefaults,
  ...file,
});
