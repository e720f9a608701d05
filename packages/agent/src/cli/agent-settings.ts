import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { isLogLevel, type LogLevel, logLevels } from '../log/logger.js';
import type { CliContext } from './cli-context.js';
import { type ParsedArgs, stringValue } from './command.js';
import type { OptionSpec } from './option-spec.js';

/** The flags `run` and `plan` share: where the files are, which region, who this host is. */
export const agentOptions: readonly OptionSpec[] = [
  {
    name: 'configuration',
    type: 'string',
    value: 'url',
    description: 'configuration file: s3://bucket/key, file:///path, a path or https://…',
    env: 'CONFIGURATION_URL',
  },
  {
    name: 'services',
    type: 'string',
    value: 'url',
    description: 'services file (same URL forms)',
    env: 'SERVICES_URL',
  },
  { name: 'region', type: 'string', value: 'region', description: 'AWS region', env: 'AWS_REGION' },
  {
    name: 'instance-id',
    type: 'string',
    value: 'id',
    description: "this host's EC2 instance id (skips identity discovery)",
    env: 'STATIKA_INSTANCE_ID',
  },
  {
    name: 'container-instance-arn',
    type: 'string',
    value: 'arn',
    description: "this host's ECS container instance ARN",
    env: 'STATIKA_CONTAINER_INSTANCE_ARN',
  },
  {
    name: 'ecs-agent-url',
    type: 'string',
    value: 'url',
    description: 'ECS agent introspection API (default http://localhost:51678, then the default gateway)',
    env: 'STATIKA_ECS_AGENT_URL',
  },
  {
    name: 'log-level',
    type: 'string',
    value: 'level',
    description: `${logLevels.join(', ')} (default info)`,
    env: 'STATIKA_LOG_LEVEL',
  },
];

export const agentEnvironment: readonly (readonly [string, string])[] = [
  ['CONFIGURATION_URL', 'the configuration file (required; as in Statika 0.1)'],
  ['SERVICES_URL', 'the services file (required; as in Statika 0.1)'],
  ['AWS_REGION', 'the AWS region (required; as in Statika 0.1)'],
  ['STATIKA_*', 'the flag of the same name (STATIKA_INSTANCE_ID for --instance-id, …)'],
  [
    'AWS_ENDPOINT_URL_*',
    'the SDK endpoint overrides (ECS, ELASTIC_LOAD_BALANCING, S3), e.g. for statika-sim',
  ],
  ['ECS_CONTAINER_METADATA_FILE', 'the ECS container metadata file, an identity source'],
];

/** What `run` and `plan` need before they can start, flags over environment. */
export interface AgentSettings {
  readonly configurationUrl: string;
  readonly servicesUrl: string;
  readonly region: string;
  readonly instanceId: string | undefined;
  readonly containerInstanceArn: string | undefined;
  readonly ecsAgentUrl: string | undefined;
  readonly logLevel: LogLevel;
}

/** A flag, else its environment variable; an empty variable counts as unset. */
export const setting = (
  args: ParsedArgs,
  env: CliContext['env'],
  flag: string,
  variable: string,
): string | undefined => {
  const value = stringValue(args, flag) ?? env[variable];
  return value === undefined || value === '' ? undefined : value;
};

const required = (value: string | undefined, variable: string, flag: string): E.Either<string, string> =>
  value === undefined ? E.left(`${variable} is not set (or pass --${flag})`) : E.right(value);

/** The settings, or the one-line reason they can never work (the caller exits 2). */
export const resolveAgentSettings = (
  args: ParsedArgs,
  env: CliContext['env'],
): E.Either<string, AgentSettings> => {
  const logLevel = setting(args, env, 'log-level', 'STATIKA_LOG_LEVEL') ?? 'info';
  return pipe(
    E.Do,
    E.apS(
      'configurationUrl',
      required(
        setting(args, env, 'configuration', 'CONFIGURATION_URL'),
        'CONFIGURATION_URL',
        'configuration',
      ),
    ),
    E.apS(
      'servicesUrl',
      required(setting(args, env, 'services', 'SERVICES_URL'), 'SERVICES_URL', 'services'),
    ),
    E.apS('region', required(setting(args, env, 'region', 'AWS_REGION'), 'AWS_REGION', 'region')),
    E.apS(
      'logLevel',
      isLogLevel(logLevel)
        ? E.right(logLevel)
        : E.left(`invalid log level "${logLevel}": expected one of ${logLevels.join(', ')}`),
    ),
    E.map((s) => ({
      ...s,
      instanceId: setting(args, env, 'instance-id', 'STATIKA_INSTANCE_ID'),
      containerInstanceArn: setting(args, env, 'container-instance-arn', 'STATIKA_CONTAINER_INSTANCE_ARN'),
      ecsAgentUrl: setting(args, env, 'ecs-agent-url', 'STATIKA_ECS_AGENT_URL'),
    })),
  );
};
