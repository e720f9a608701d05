import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { agentOptions, resolveAgentSettings } from '../../src/cli/agent-settings.js';
import { parseCommandArgs } from '../../src/cli/command.js';

const env = {
  CONFIGURATION_URL: 's3://bucket/statika-config.json',
  SERVICES_URL: 's3://bucket/statika-services.json',
  AWS_REGION: 'eu-west-1',
};

const resolve = (args: string[], environment: Record<string, string | undefined>) => {
  const parsed = parseCommandArgs(args, agentOptions, false);
  if (E.isLeft(parsed)) throw new Error(parsed.left);
  return resolveAgentSettings(parsed.right, environment);
};

test("Statika 0.1's three variables are enough", (t) => {
  t.deepEqual(
    resolve([], env),
    E.right({
      configurationUrl: 's3://bucket/statika-config.json',
      servicesUrl: 's3://bucket/statika-services.json',
      region: 'eu-west-1',
      logLevel: 'info',
      instanceId: undefined,
      containerInstanceArn: undefined,
      ecsAgentUrl: undefined,
    }),
  );
});

test('flags override their environment variables', (t) => {
  const settings = resolve(
    ['--configuration', './c.json', '--region', 'us-west-2', '--instance-id', 'i-0abc12345678'],
    { ...env, STATIKA_INSTANCE_ID: 'i-0fff00000000' },
  );
  t.like(E.getOrElseW(() => undefined)(settings), {
    configurationUrl: './c.json',
    region: 'us-west-2',
    instanceId: 'i-0abc12345678',
  });
});

test('STATIKA_* variables set the identity overrides, the introspection URL and the log level', (t) => {
  const settings = resolve([], {
    ...env,
    STATIKA_INSTANCE_ID: 'i-0abc12345678',
    STATIKA_CONTAINER_INSTANCE_ARN: 'arn:aws:ecs:eu-west-1:1:container-instance/c/1',
    STATIKA_ECS_AGENT_URL: 'http://127.0.0.1:51678',
    STATIKA_LOG_LEVEL: 'debug',
  });
  t.like(E.getOrElseW(() => undefined)(settings), {
    instanceId: 'i-0abc12345678',
    containerInstanceArn: 'arn:aws:ecs:eu-west-1:1:container-instance/c/1',
    ecsAgentUrl: 'http://127.0.0.1:51678',
    logLevel: 'debug',
  });
});

test('a missing CONFIGURATION_URL is a one-line message that names the variable and the flag', (t) => {
  t.deepEqual(
    resolve([], { ...env, CONFIGURATION_URL: undefined }),
    E.left('CONFIGURATION_URL is not set (or pass --configuration)'),
  );
});

test('an empty variable counts as unset', (t) => {
  t.deepEqual(resolve([], { ...env, AWS_REGION: '' }), E.left('AWS_REGION is not set (or pass --region)'));
});

test('an unknown log level is refused with the accepted ones', (t) => {
  const settings = resolve(['--log-level', 'loud'], env);
  t.true(E.isLeft(settings));
  t.regex(E.isLeft(settings) ? settings.left : '', /invalid log level "loud": expected one of fatal, error/);
});
