import * as E from 'fp-ts/lib/Either.js';
import type { CliContext } from '../cli/cli-context.js';
import { type Command, flagValue, parseCommandArgs, stringValue } from '../cli/command.js';
import { ExitCode } from '../cli/exit-code.js';
import { formatHelp } from '../cli/help.js';
import { helpOption, type OptionSpec } from '../cli/option-spec.js';
import { demoScenarios } from './demo-scenarios.js';

const options: readonly OptionSpec[] = [
  { name: 'fast', type: 'boolean', description: 'run on virtual time: the same demo in a few seconds' },
  { name: 'seed', type: 'string', value: 'n', description: 'seed of the simulated world (default 1)' },
  helpOption,
];

export const demoCommand: Command = {
  name: 'demo',
  summary: 'watch Statika on a simulated AWS: convergence, rolling deploys, scale to zero, throttling',
  help: {
    usage: 'statika demo [--fast]',
    description: [
      'Starts a simulated AWS in this process (ECS, Classic ELB, S3, instance metadata and the ECS agent API;',
      'no account or credentials needed) with one host running two services, web (HTTP, with a health',
      'check) and tcp, whose load balancers point at stale ports. The real agent runs against it with the',
      'real AWS SDK clients, and every event is printed as it happens: tasks starting and stopping with',
      'their host ports, each load balancer change, and the traffic a client would see. Four scenarios:',
      'first convergence, a rolling deploy of web, tcp scaled to zero, and a rolling deploy while 30% of',
      'AWS calls are throttled. Then, where network namespaces can be made (root, nft), node-port mode: two',
      'hosts, each a namespace made for the demo whose nftables rule the agents swap through a rolling deploy',
      '(elsewhere it says why it skips it). A summary table ends it. Takes about a minute; --fast takes seconds.',
    ].join('\n'),
    options,
    environment: [],
    exitCodes: [
      [ExitCode.ok, 'every scenario converged'],
      [ExitCode.notInSync, 'a scenario did not converge'],
      [ExitCode.configuration, 'a bad flag'],
    ],
    examples: ['statika demo', 'statika demo --fast'],
  },
  run: async (args, ctx) => {
    const parsed = parseCommandArgs(args, options, false);
    if (E.isLeft(parsed)) return usageError(ctx, parsed.left);
    if (flagValue(parsed.right, 'help')) {
      ctx.stdout(formatHelp(demoCommand.help));
      return ExitCode.ok;
    }
    const seedText = stringValue(parsed.right, 'seed');
    const seed = seedText === undefined ? undefined : Number(seedText);
    if (seed !== undefined && !Number.isSafeInteger(seed))
      return usageError(ctx, `invalid seed "${seedText}": expected an integer`);
    // Loaded here, not at the top: the simulator and the harness are the demo's alone, and every other
    // command (`statika run` on each host) would otherwise load them at start-up.
    const { runDemo } = await import('./run-demo.js');
    const results = await runDemo({
      fast: flagValue(parsed.right, 'fast'),
      print: (line) => ctx.stdout(`${line}\n`),
      ...(seed === undefined ? {} : { seed }),
    });
    return results.length >= demoScenarios().length && results.every((r) => r.converged)
      ? ExitCode.ok
      : ExitCode.notInSync;
  },
};

const usageError = (ctx: CliContext, message: string): number => {
  ctx.stderr(`statika demo: ${message}\nTry statika demo --help\n`);
  return ExitCode.configuration;
};
