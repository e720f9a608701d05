import type { Configuration } from './configuration.js';
import type { ServiceSpec } from './services.js';

/** What Statika is asked to do: both files, decoded and with defaults applied. */
export interface Spec {
  readonly configuration: Configuration;
  readonly services: readonly ServiceSpec[];
}
