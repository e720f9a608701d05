import test, { type ExecutionContext } from 'ava';
import {
  agentConfiguration,
  hostA,
  listenerPort,
  oneHostWorld,
  runningTaskPort,
  runStatika,
  startAgent,
  startCluster,
  waitFor,
} from './harness.js';

/** `statika plan` and `statika run --once` against the simulated AWS. Serial: small machine. */

const start = (t: ExecutionContext) => startCluster(t, oneHostWorld({ instances: [hostA] }));

test.serial(
  'statika plan prints the changes, changes nothing and exits 1; --json gives observation and plan',
  async (t) => {
    const { world, env } = await start(t);
    const text = await runStatika(['plan'], env);
    t.is(text.code, 1, text.stderr);
    t.regex(text.stdout, /listener 80 → instancePort \d+ \(was 31000\) on web-elb/);
    t.is(listenerPort(world), 31000, 'nothing changed');
    const json = await runStatika(['plan', '--json'], env);
    const parsed = JSON.parse(json.stdout);
    t.truthy(parsed.observation?.loadBalancers);
    t.true(Array.isArray(parsed.plan?.actions) && parsed.plan.actions.length > 0);
  },
);

test.serial(
  'run --once converges and exits; a second --once finds everything in sync and exits 0',
  async (t) => {
    const { world, env } = await start(t);
    await runStatika(['run', '--once'], env);
    t.is(listenerPort(world), runningTaskPort(world));
    const again = await runStatika(['run', '--once'], env);
    t.is(again.code, 0, again.stderr);
    t.is(again.logs.filter((l) => l.event === 'action').length, 0);
  },
);

test.serial('run --once --dry-run logs the planned changes and makes none', async (t) => {
  const { world, env } = await start(t);
  const result = await runStatika(['run', '--once', '--dry-run'], env);
  t.is(result.code, 1, 'not in sync: nothing was changed');
  t.is(listenerPort(world), 31000);
  t.true(
    result.logs.some(
      (l) => l.result === 'dry-run' && /^dry run, not applied: listener 80/.test(String(l.msg)),
    ),
  );
});

test.serial('STATIKA_HTTP_ADDRESS=off runs the agent without endpoints', async (t) => {
  const { world, env } = await start(t);
  const agent = startAgent({ ...env, STATIKA_HTTP_ADDRESS: 'off' });
  t.teardown(() => agent.kill('SIGKILL'));
  await waitFor('a reconcile', () => agent.logs.some((l) => l.event === 'reconcile'));
  t.is(listenerPort(world), runningTaskPort(world));
  t.false(agent.logs.some((l) => l.address !== undefined));
  agent.kill('SIGTERM');
  t.is((await agent.exited).code, 0);
});

test.serial('statika validate reads s3:// URLs', async (t) => {
  const { world, env } = await start(t);
  world.putObject('config', 'statika-config.json', JSON.stringify(agentConfiguration));
  world.putObject('config', 'statika-services.json', '[{"serviceName": "web"}]');
  const result = await runStatika(
    ['validate', 's3://config/statika-config.json', 's3://config/statika-services.json'],
    env,
  );
  t.is(result.code, 1, result.stderr);
  t.regex(result.stdout, /s3:\/\/config\/statika-config\.json: ok/);
  t.regex(result.stdout, /s3:\/\/config\/statika-services\.json: services\[0\]\.loadBalancerName: expected/);
});
