import { createNftDriver } from '@statika/host';
import * as E from 'fp-ts/lib/Either.js';
import { parseListenAddress } from '../http/listen-address.js';
import { createLogger } from '../log/logger.js';
import { agentEnvironment, agentOptions, resolveAgentSettings, setting } from './agent-settings.js';
import type { CliContext } from './cli-context.js';
import { type Command, flagValue, parseCommandArgs, stringValue } from './command.js';
import { ExitCode } from './exit-code.js';
import { formatHelp } from './help.js';
import { helpOption, type OptionSpec } from './option-spec.js';
import { removeNodePorts } from './remove-node-ports.js';
import { runAgent } from './run-agent.js';

const options: readonly OptionSpec[] = [
  { name: 'once', type: 'boolean', description: 'one reconcile, then exit (0 in sync, 1 not in sync)' },
  { name: 'dry-run', type: 'boolean', description: 'log every planned change and make none' },
  {
    name: 'remove-node-ports',
    type: 'boolean',
    description:
      "remove this host's node-port forwarding rules (nftables table ip statika), then exit; no AWS call",
  },
  ...agentOptions,
  {
    name: 'state-dir',
    type: 'string',
    value: 'dir',
    description: 'where the journal lives (default /var/lib/statika when writable, else ./.statika)',
    env: 'STATIKA_STATE_DIR',
  },
  {
    name: 'docker-socket',
    type: 'string',
    value: 'path',
    description:
      'Docker Engine socket whose events drive the local watch (default /var/run/docker.sock when present; off: poll)',
    env: 'STATIKA_DOCKER_SOCKET',
  },
  {
    name: 'http-address',
    type: 'string',
    value: 'host:port',
    description:
      'where /healthz, /readyz, /status and /metrics listen (default 127.0.0.1:9464; off disables)',
    env: 'STATIKA_HTTP_ADDRESS',
  },
  helpOption,
];

export const runCommand: Command = {
  name: 'run',
  summary: 'keep the load balancers on the host ports of this host’s tasks',
  help: {
    usage: 'statika [run] [options]',
    description: [
      'The controller. Every sleepTimeSeconds, and as soon as a task of a configured service starts or stops',
      'on this host, it reads ECS and the load balancers and makes the fewest changes that point each',
      "service's Classic ELB at the host port of its serving task: register, health check, listeners.",
      'Both files are read again on every resync; an invalid new file is reported and the last good one',
      'stays in force. SIGTERM or SIGINT: the change in flight finishes, then it exits 0 (within 10 s).',
      'Node-port mode (services with nodePort): each host forwards the node port to its own serving task',
      'with an nftables rule (needs NET_ADMIN in the host network namespace). The rules stay when the agent',
      'exits, so traffic keeps flowing; a restarted agent adopts or corrects them; --remove-node-ports',
      'removes them.',
    ].join('\n'),
    options,
    environment: [
      ...agentEnvironment,
      [
        'STATIKA_STATE_DIR, STATIKA_DOCKER_SOCKET, STATIKA_HTTP_ADDRESS',
        'as --state-dir, --docker-socket, --http-address',
      ],
    ],
    exitCodes: [
      [
        ExitCode.ok,
        'stopped by SIGTERM/SIGINT; with --once: every service is in sync; --remove-node-ports: removed',
      ],
      [
        ExitCode.notInSync,
        'with --once: some service is not in sync, or AWS could not be read; --remove-node-ports: nft failed',
      ],
      [
        ExitCode.configuration,
        'a configuration that can never work: a missing variable, an unsupported URL, a bad flag',
      ],
    ],
    examples: [
      'CONFIGURATION_URL=s3://my-bucket/statika-config.json SERVICES_URL=s3://my-bucket/statika-services.json \\',
      '  AWS_REGION=eu-west-1 statika',
      'statika run --once --dry-run --configuration ./configuration.json --services ./services.json',
      'statika run --http-address 0.0.0.0:9464 --log-level debug',
      'statika run --remove-node-ports',
    ],
  },
  run: async (args, ctx) => {
    const parsed = parseCommandArgs(args, options, false);
    if (E.isLeft(parsed)) return usageError(ctx, parsed.left);
    if (flagValue(parsed.right, 'help')) {
      ctx.stdout(formatHelp(runCommand.help));
      return ExitCode.ok;
    }
    if (flagValue(parsed.right, 'remove-node-ports')) return removeNodePorts(ctx, createNftDriver());
    const settings = resolveAgentSettings(parsed.right, ctx.env);
    if (E.isLeft(settings)) return usageError(ctx, settings.left);
    const httpAddress = parseListenAddress(
      setting(parsed.right, ctx.env, 'http-address', 'STATIKA_HTTP_ADDRESS') ?? '127.0.0.1:9464',
    );
    if (E.isLeft(httpAddress)) return usageError(ctx, httpAddress.left);
    return runAgent({
      settings: settings.right,
      httpAddress: httpAddress.right,
      stateDir: stringValue(parsed.right, 'state-dir'),
      dockerSocket: setting(parsed.right, ctx.env, 'docker-socket', 'STATIKA_DOCKER_SOCKET'),
      once: flagValue(parsed.right, 'once'),
      dryRun: flagValue(parsed.right, 'dry-run'),
      env: ctx.env,
      logger: createLogger(settings.right.logLevel),
      usageError: (message) => usageError(ctx, message),
    });
  },
};

const usageError = (ctx: CliContext, message: string): number => {
  ctx.stderr(`statika run: ${message}\nTry statika run --help\n`);
  return ExitCode.configuration;
};
