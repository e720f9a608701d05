import type { CliContext } from './cli-context.js';
import { processContext } from './cli-context.js';
import { commands, defaultCommand } from './commands.js';
import { ExitCode } from './exit-code.js';

/**
 * `statika [command] [options]`: picks the subcommand (default `run`) and returns its exit code.
 * Every failure a user can cause is a one-line message and exit 2, never a stack trace.
 */
export const main = async (argv: readonly string[], ctx: CliContext): Promise<number> => {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    ctx.stdout(topLevelHelp());
    return ExitCode.ok;
  }
  if (first === undefined || first.startsWith('-')) return defaultCommand.run(argv, ctx);
  const command = commands.find((c) => c.name === first);
  if (command === undefined) {
    ctx.stderr(`statika: unknown command "${first}"\nTry statika --help\n`);
    return ExitCode.configuration;
  }
  return command.run(rest, ctx);
};

const topLevelHelp = (): string => {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'Usage: statika [command] [options]',
    '',
    'Statika keeps AWS Classic Load Balancers pointed at the dynamic host ports of the ECS tasks on this',
    'host, so rolling deploys happen with no downtime. Run it on every container host of the cluster.',
    '',
    'Commands:',
    ...commands.map(
      (c) => `  ${c.name.padEnd(width)}${c.summary}${c === defaultCommand ? ' (the default)' : ''}`,
    ),
    '',
    'Run statika <command> --help for its flags, environment variables, exit codes and examples.',
    '',
    'Environment (as Statika 0.1; flags override):',
    '  CONFIGURATION_URL  the configuration file: s3://bucket/key, file:///path, a path or https://…',
    '  SERVICES_URL       the services file',
    '  AWS_REGION         the AWS region',
    '  STATIKA_*          identity overrides, state dir, ECS agent URL, HTTP address, log level (see run --help)',
    '',
    'Exit codes:',
    '  0  ok (in sync, valid)',
    '  1  not in sync, or problems found',
    '  2  a configuration that can never work (missing variable, unsupported URL, bad flag)',
    '',
    'Examples:',
    '  statika                                   run the controller with CONFIGURATION_URL, SERVICES_URL, AWS_REGION',
    '  statika plan                              show what it would change now',
    '  statika validate config.json services.json',
    '',
  ].join('\n');
};

/** The process entry point used by `bin/statika.js`. */
export const runCli = async (argv: readonly string[] = process.argv.slice(2)): Promise<void> => {
  // `statika plan | head`: a reader that goes away is not an error of ours; stop quietly as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const ctx = processContext();
  const code = await main(argv, ctx).catch((error: unknown) => {
    // A bug, not a user error: one line with the message, and the stack only at debug level.
    ctx.stderr(`statika: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.STATIKA_LOG_LEVEL === 'debug' && error instanceof Error) ctx.stderr(`${error.stack}\n`);
    return ExitCode.notInSync;
  });
  // Exit explicitly (open sockets and timers must not keep a finished command alive), after stdout drains.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
};
