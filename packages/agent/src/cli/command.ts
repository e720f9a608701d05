import { parseArgs } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import type { CliContext } from './cli-context.js';
import type { HelpText } from './help.js';
import { type OptionSpec, toParseArgsOptions } from './option-spec.js';

/** One `statika` subcommand: its name, its help, and what it does. Returns the exit code. */
export interface Command {
  readonly name: string;
  /** One line for `statika --help`. */
  readonly summary: string;
  readonly help: HelpText;
  readonly run: (args: readonly string[], ctx: CliContext) => Promise<number>;
}

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | readonly (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

/** Flags to values, or the parser's message (an unknown flag, a missing value) for a one-line exit 2. */
export const parseCommandArgs = (
  args: readonly string[],
  options: readonly OptionSpec[],
  allowPositionals: boolean,
): E.Either<string, ParsedArgs> => {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: toParseArgsOptions(options),
      allowPositionals,
      strict: true,
    });
    return E.right({ values, positionals });
  } catch (error) {
    return E.left(error instanceof Error ? error.message : String(error));
  }
};

export const stringValue = (args: ParsedArgs, name: string): string | undefined => {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
};

export const flagValue = (args: ParsedArgs, name: string): boolean => args.values[name] === true;
