import { createAwsClients, createObserver } from '@statika/aws';
import type { ForwardingPlan, ForwardingRule, PlanResult, ServiceStatus } from '@statika/core';
import { describeServiceStatus, needsChange } from '@statika/core';
import { createNftDriver } from '@statika/host';
import * as E from 'fp-ts/lib/Either.js';
import { describeAction } from '../log/describe-action.js';
import { loadSpec, observeAndPlan } from '../one-shot.js';
import { createFileSources, ecsAgentUrls, identityFrom } from './adapters.js';
import { agentEnvironment, agentOptions, resolveAgentSettings } from './agent-settings.js';
import type { CliContext } from './cli-context.js';
import { type Command, flagValue, parseCommandArgs } from './command.js';
import { ExitCode } from './exit-code.js';
import { formatHelp } from './help.js';
import { helpOption, type OptionSpec } from './option-spec.js';

const options: readonly OptionSpec[] = [
  {
    name: 'json',
    type: 'boolean',
    description:
      'print {observation, plan} as JSON (the observation can be planned again with @statika/core)',
  },
  ...agentOptions,
  helpOption,
];

export const planCommand: Command = {
  name: 'plan',
  summary: 'observe once and print the changes run would make, changing nothing',
  help: {
    usage: 'statika plan [--json] [options]',
    description: [
      'Reads both files, ECS and the load balancers once, as run does, and prints the changes run would',
      'make on this host and the status of every service (serving task, host port, in sync or not).',
      'Nothing is changed.',
    ].join('\n'),
    options,
    environment: agentEnvironment,
    exitCodes: [
      [ExitCode.ok, 'every service is in sync: no change to make'],
      [ExitCode.notInSync, 'there are changes to make, or AWS could not be read'],
      [
        ExitCode.configuration,
        'a configuration that can never work: a bad file, a missing variable, a bad flag',
      ],
    ],
    examples: [
      'statika plan',
      'statika plan --json > saved-plan.json',
      'statika plan --configuration ./configuration.json --services ./services.json --instance-id i-0123456789abcdef0',
    ],
  },
  run: async (args, ctx) => {
    const parsed = parseCommandArgs(args, options, false);
    if (E.isLeft(parsed)) return usageError(ctx, parsed.left);
    if (flagValue(parsed.right, 'help')) {
      ctx.stdout(formatHelp(planCommand.help));
      return ExitCode.ok;
    }
    const settings = resolveAgentSettings(parsed.right, ctx.env);
    if (E.isLeft(settings)) return usageError(ctx, settings.left);
    const clients = createAwsClients({ region: settings.right.region });
    const sources = createFileSources(
      { configuration: settings.right.configurationUrl, services: settings.right.servicesUrl },
      clients,
    );
    if (E.isLeft(sources)) return usageError(ctx, sources.left);

    const loaded = await loadSpec({
      configurationSource: sources.right.configuration,
      servicesSource: sources.right.services,
    });
    if (E.isLeft(loaded)) {
      ctx.stderr(loaded.left.map((problem) => `${problem}\n`).join(''));
      return ExitCode.configuration;
    }
    for (const warning of loaded.right.warnings) ctx.stderr(`${warning}\n`);
    const { spec } = loaded.right;
    const identity = await identityFrom({
      settings: settings.right,
      ecsAgentUrls: await ecsAgentUrls(settings.right.ecsAgentUrl),
      env: ctx.env,
      ecs: clients.ecs,
    })(spec.configuration.cluster);
    if (E.isLeft(identity)) return failure(ctx, `cannot tell which host this is: ${identity.left.message}`);
    const result = await observeAndPlan(
      { observer: createObserver(clients), hostDriver: createNftDriver() },
      spec,
      identity.right,
      Date.now(),
    );
    if (E.isLeft(result)) return failure(ctx, `cannot observe: ${result.left.message}`);

    const { observation, plan } = result.right;
    if (flagValue(parsed.right, 'json')) ctx.stdout(`${JSON.stringify({ observation, plan }, null, 2)}\n`);
    else ctx.stdout(formatPlan(plan));
    return plan.actions.length === 0 ? ExitCode.ok : ExitCode.notInSync;
  },
};

/** The plan as an operator reads it: the changes in order, then one line per service. */
export const formatPlan = (plan: PlanResult): string => {
  const changes =
    plan.actions.length === 0
      ? ['No changes: every service is in sync.']
      : [
          `${plan.actions.length} change(s), in order:`,
          ...plan.actions.map((a, i) => `  ${i + 1}. ${describeAction(a).msg}`),
        ];
  const forwarding = forwardingLine(plan.forwarding);
  return [
    ...changes,
    ...(forwarding === undefined ? [] : ['', forwarding]),
    '',
    'Services:',
    ...plan.services.map(serviceLine),
    '',
  ].join('\n');
};

const rules = (rs: readonly ForwardingRule[]): string =>
  rs.length === 0 ? 'none' : rs.map((r) => `${r.nodePort} -> ${r.hostPort}`).join(', ');

/** This host's node-port rules, when there are any to speak of. */
const forwardingLine = (forwarding: ForwardingPlan): string | undefined => {
  switch (forwarding.type) {
    case 'in-sync':
      return forwarding.rules.length === 0
        ? undefined
        : `Forwarding (node ports): in sync, ${rules(forwarding.rules)}`;
    case 'replace':
      return `Forwarding (node ports): ${rules(forwarding.before)} would become ${rules(forwarding.after)} (local, no AWS call)`;
    case 'unobserved':
      return `Forwarding (node ports): ${forwarding.reason}`;
  }
};

const serviceLine = (s: ServiceStatus): string => {
  const where = s.serving?.onThisHost ? 'on this host' : `on ${s.serving?.instanceId ?? 'another host'}`;
  const serving =
    s.serving === undefined
      ? 'no serving task'
      : `task ${s.serving.taskArn.split('/').pop()} port ${s.serving.hostPort} ${where}`;
  return `  ${s.serviceName} (${s.loadBalancerName}): ${s.state}${needsChange(s) ? ', not in sync' : ''}; ${serving}; ${describeServiceStatus(s)}`;
};

const failure = (ctx: CliContext, message: string): number => {
  ctx.stderr(`statika plan: ${message}\n`);
  return ExitCode.notInSync;
};

const usageError = (ctx: CliContext, message: string): number => {
  ctx.stderr(`statika plan: ${message}\nTry statika plan --help\n`);
  return ExitCode.configuration;
};
