import type { ParseArgsConfig } from 'node:util';

/**
 * One flag, defined once: `parseArgs` reads its name and type, `--help` prints its description and the
 * environment variable it overrides. Help and parser cannot drift apart.
 */
export interface OptionSpec {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** The placeholder shown in help (`--region <region>`). */
  readonly value?: string;
  readonly description: string;
  /** The environment variable the flag overrides. */
  readonly env?: string;
}

export const toParseArgsOptions = (specs: readonly OptionSpec[]): NonNullable<ParseArgsConfig['options']> =>
  Object.fromEntries(
    specs.map((s) => [s.name, s.short === undefined ? { type: s.type } : { type: s.type, short: s.short }]),
  );

export const helpOption: OptionSpec = {
  name: 'help',
  short: 'h',
  type: 'boolean',
  description: 'show this help',
};
