import { existsSync, readdirSync } from 'node:fs';
import test, { type ExecutionContext } from 'ava';
import {
  agentConfiguration,
  hostA,
  listenerPort,
  oneHostWorld,
  runningTaskPort,
  startCluster,
  waitFor,
} from './harness.js';

/** The built `statika` under failure, against the simulated AWS in real time. Serial: small machine. */

const start = (t: ExecutionContext, configuration: object = agentConfiguration) =>
  startCluster(t, oneHostWorld({ instances: [hostA] }), configuration);

test.serial(
  'killed between the delete and the create, a restarted agent recreates the listener from its journal',
  async (t) => {
    const { world, files, agentOn } = await start(t);
    // Every create fails, slowly: the kill lands while the first one is in flight, after the delete.
    world.failCreateAfterDelete('web-elb', { times: 1000 });
    world.setFault('CreateLoadBalancerListeners', { latencyMs: 3000 });
    const first = agentOn();
    await waitFor('the delete', () => listenerPort(world) === undefined);
    first.kill('SIGKILL');
    await first.exited;
    t.is(listenerPort(world), undefined, 'the listener is gone');
    t.true(
      existsSync(files.stateDir) && readdirSync(files.stateDir).some((f) => f.endsWith('.json')),
      'journaled',
    );

    world.clearFaults();
    const second = agentOn();
    await waitFor('the listener to come back', () => listenerPort(world) === runningTaskPort(world), 10_000);
    const created = world.loadBalancer('web-elb')?.listeners.find((l) => l.loadBalancerPort === 80);
    t.like(created, { protocol: 'HTTP', instanceProtocol: 'HTTP' });
    await waitFor('the recovery to be logged', () =>
      second.logs.some((l) => l.event === 'journal-recovered'),
    );
    t.pass();
  },
);

test.serial('a throttling storm: the agent survives and converges after it', async (t) => {
  const { world, agentOn } = await start(t);
  world.setFault('*', { throttleRate: 1 });
  const agent = agentOn();
  // A deadline, not a wait: start-up and the SDK's throttling backoff take seconds on a loaded machine.
  await waitFor('throttled calls', () => agent.logs.some((l) => l.event === 'observe-error'), 15_000);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  world.clearFaults();
  await waitFor('convergence after the storm', () => listenerPort(world) === runningTaskPort(world), 12_000);
  t.is(agent.child.exitCode, null, 'still running');
  const metrics = await (await fetch(`http://${await agent.httpAddress()}/metrics`)).text();
  t.regex(
    metrics,
    /statika_aws_calls_total\{service="(ecs|elb)",operation="\w+",result="Throttling(Exception)?"\} [1-9]/,
  );
});

test.serial('a bad services file is reported and the last good one stays in force', async (t) => {
  const { world, files, agentOn } = await start(t);
  const agent = agentOn();
  await waitFor('convergence', () => listenerPort(world) === runningTaskPort(world));
  const port = listenerPort(world);
  files.writeServices('[{"serviceName": "web", "loadBalancerName": 42}]');
  await waitFor('/status to report the services file', async () =>
    (await agent.status()).files.some((f) => f.url === files.servicesPath && f.error !== undefined),
  );
  const status = await agent.status();
  t.regex(status.files.find((f) => f.url === files.servicesPath)?.error ?? '', /loadBalancerName/);
  t.like(status.services[0], { service: 'web', state: 'in-sync' });
  t.is(listenerPort(world), port);
  t.true(world.loadBalancer('web-elb')?.instances.includes(hostA as never));
  const metrics = await (await fetch(`http://${await agent.httpAddress()}/metrics`)).text();
  t.regex(metrics, /statika_file_reload_errors_total\{file="[^"]*services\.json"\} [1-9]/);
  t.is(agent.child.exitCode, null);
});

test.serial('SIGTERM: exits 0 within 10 s', async (t) => {
  const { world, agentOn } = await start(t);
  const agent = agentOn();
  await waitFor('convergence', () => listenerPort(world) === runningTaskPort(world));
  const sent = Date.now();
  agent.kill('SIGTERM');
  const { code } = await agent.exited;
  t.is(code, 0);
  t.true(Date.now() - sent < 10_000, `took ${Date.now() - sent} ms`);
  t.true(agent.logs.some((l) => /SIGTERM/.test(String(l.msg))));
});

test.serial(
  'SIGTERM while an AWS call hangs: the last-resort timer still exits 0 within 10 s, loudly',
  async (t) => {
    const { world, agentOn } = await start(t);
    // The create after the delete takes 20 s: far longer than the stop may wait for the action in flight.
    world.setFault('CreateLoadBalancerListeners', { latencyMs: 20_000 });
    const agent = agentOn();
    await waitFor('the delete', () => listenerPort(world) === undefined);
    const sent = Date.now();
    agent.kill('SIGTERM');
    const { code } = await agent.exited;
    t.is(code, 0);
    t.true(Date.now() - sent < 10_000, `took ${Date.now() - sent} ms`);
    t.true(agent.logs.some((l) => l.level === 'error' && /did not stop within 9 s/.test(String(l.msg))));
  },
);

test.serial('SIGTERM with deregisterOnExit: the host leaves its load balancers, then exits 0', async (t) => {
  const { world, agentOn } = await start(t, { ...agentConfiguration, deregisterOnExit: true });
  const agent = agentOn();
  await waitFor('convergence', () => listenerPort(world) === runningTaskPort(world));
  t.true(world.loadBalancer('web-elb')?.instances.includes(hostA as never));
  agent.kill('SIGTERM');
  t.is((await agent.exited).code, 0);
  t.false(world.loadBalancer('web-elb')?.instances.includes(hostA as never), 'deregistered on exit');
  t.is(listenerPort(world), runningTaskPort(world), 'listeners left as they are');
});
