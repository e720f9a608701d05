import * as E from 'fp-ts/lib/Either.js';
import { realClock } from './clock.js';
import { describeWorld } from './describe-world.js';
import { loadScenario, statikaFileUrls } from './scenario.js';
import { describeEvent } from './sim-event.js';
import { startSim } from './start-sim.js';
import { createWorld } from './world.js';

const HELP = `statika-sim: a simulated AWS (ECS, Classic ELB, S3, IMDSv2, ECS agent) on 127.0.0.1

Usage: statika-sim [--scenario demo|<file.json>] [--port N] [--host-index N] [--seed N] [--quiet]

  --scenario     built-in scenario name or a JSON scenario file (default: demo)
  --port N       port of the AWS endpoint (ECS, ELB, S3); host endpoints take N+1, N+2, ...
                 (default: random ports)
  --host-index N which host the printed IMDS and ECS agent lines point at (default: 0)
  --seed N       seed of the sim's randomness (default: 1)
  --quiet        do not log the world's events on stderr
  --help         this text

Prints \`export NAME=value\` lines on stdout (endpoints, region, fake credentials, CONFIGURATION_URL and
SERVICES_URL), then logs what happens in the world on stderr until SIGINT or SIGTERM.
Exit codes: 0 stopped by a signal, 2 bad arguments or scenario, 1 could not start.`;

interface Args {
  readonly scenario: string;
  readonly port: number | undefined;
  readonly hostIndex: number;
  readonly seed: number;
  readonly quiet: boolean;
  readonly help: boolean;
}

const parseArgs = (argv: readonly string[]): E.Either<string, Args> => {
  let args: Args = { scenario: 'demo', port: undefined, hostIndex: 0, seed: 1, quiet: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const integer = (name: string): E.Either<string, number> => {
      i += 1;
      const n = Number(value);
      return value !== undefined && Number.isInteger(n) && n >= 0
        ? E.right(n)
        : E.left(`${name} needs a non-negative integer`);
    };
    switch (flag) {
      case '--help':
      case '-h':
        args = { ...args, help: true };
        break;
      case '--quiet':
        args = { ...args, quiet: true };
        break;
      case '--scenario':
        if (value === undefined) return E.left('--scenario needs a name or a file');
        args = { ...args, scenario: value };
        i += 1;
        break;
      case '--port': {
        const n = integer('--port');
        if (E.isLeft(n)) return n;
        args = { ...args, port: n.right };
        break;
      }
      case '--host-index': {
        const n = integer('--host-index');
        if (E.isLeft(n)) return n;
        args = { ...args, hostIndex: n.right };
        break;
      }
      case '--seed': {
        const n = integer('--seed');
        if (E.isLeft(n)) return n;
        args = { ...args, seed: n.right };
        break;
      }
      default:
        return E.left(`unknown argument ${flag}`);
    }
  }
  return E.right(args);
};

const fail = (lines: readonly string[], code: number): number => {
  for (const line of lines) process.stderr.write(`statika-sim: ${line}\n`);
  return code;
};

/** Runs the command; resolves with the exit code once stopped. */
export const main = async (argv: readonly string[]): Promise<number> => {
  const parsed = parseArgs(argv);
  if (E.isLeft(parsed)) return fail([parsed.left, 'see statika-sim --help'], 2);
  const args = parsed.right;
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const spec = loadScenario(args.scenario);
  if (E.isLeft(spec)) return fail(spec.left, 2);
  const host = spec.right.hosts[args.hostIndex];
  if (host === undefined)
    return fail([`--host-index ${args.hostIndex}: the scenario has ${spec.right.hosts.length} hosts`], 2);

  const clock = realClock();
  const world = createWorld(spec.right, { clock, seed: args.seed });
  if (!args.quiet) {
    for (const line of describeWorld(world.snapshot())) process.stderr.write(`statika-sim: ${line}\n`);
    world.onEvent((event) =>
      process.stderr.write(`${new Date(event.at).toISOString()} ${describeEvent(event)}\n`),
    );
  }
  let sim: Awaited<ReturnType<typeof startSim>>;
  try {
    sim = await startSim(world, args.port === undefined ? {} : { port: args.port });
  } catch (error) {
    return fail([`cannot start: ${error instanceof Error ? error.message : String(error)}`], 1);
  }
  const { configurationUrl, servicesUrl } = statikaFileUrls(spec.right);
  const lines = {
    ...sim.env(host.instanceId),
    ...(configurationUrl === undefined ? {} : { CONFIGURATION_URL: configurationUrl }),
    ...(servicesUrl === undefined ? {} : { SERVICES_URL: servicesUrl }),
  };
  for (const [name, value] of Object.entries(lines)) process.stdout.write(`export ${name}=${value}\n`);
  process.stderr.write(`statika-sim: serving scenario ${args.scenario} at ${sim.awsUrl}; Ctrl-C to stop\n`);

  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.stderr.write(`statika-sim: ${signal}, stopping\n`);
      sim.close().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
};
