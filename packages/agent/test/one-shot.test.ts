import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import type { AgentEvent } from '../src/agent-event.js';
import { loadSpec, observeAndPlan, runOnce } from '../src/one-shot.js';
import {
  awsError,
  configurationText,
  fakeWorld,
  fileRead,
  identity,
  servicesText,
} from './pipeline/fixtures.js';
import { fakeDependencies } from './pipeline/promise-fakes.js';

test('runOnce converges and exits 0 when every service is in sync after applying', async (t) => {
  const world = fakeWorld();
  const result = await runOnce(fakeDependencies(world));
  t.is(result.exitCode, 0);
  t.deepEqual(
    result.status.services.map((s) => [s.serviceName, s.state, s.lastAction?.result]),
    [
      ['web', 'in-sync', 'applied'],
      ['api', 'in-sync', 'applied'],
    ],
  );
  t.true(result.status.ready);
  t.deepEqual(world.calls, [
    'observe',
    'configureHealthCheck web-lb',
    'configureHealthCheck api-lb',
    'replaceListeners web-lb',
    'replaceListeners api-lb',
  ]);
});

test('runOnce exits 1 when an action fails, and reports it', async (t) => {
  const world = fakeWorld({
    failApply: (a) => (a.loadBalancerName === 'api-lb' ? awsError('AccessDenied', false) : undefined),
  });
  const events: AgentEvent[] = [];
  const result = await runOnce(fakeDependencies(world), (e) => events.push(e));
  t.is(result.exitCode, 1);
  t.is(result.status.services.find((s) => s.serviceName === 'api')?.lastError?.error.code, 'AccessDenied');
  t.deepEqual(events, result.events);
  t.like(events.at(-1), { type: 'reconcile', trigger: 'startup', result: 'error', actions: 3 });
});

test('runOnce exits 1 when the observation fails (it may work next time)', async (t) => {
  const world = fakeWorld({ failObserve: () => awsError('Throttling', true) });
  const result = await runOnce(fakeDependencies(world));
  t.is(result.exitCode, 1);
  t.false(result.status.ready);
});

test('runOnce in dry run changes nothing and exits 1 while services are not in sync', async (t) => {
  const world = fakeWorld();
  const result = await runOnce(fakeDependencies(world, { dryRun: true }));
  t.is(result.exitCode, 1);
  t.deepEqual(world.calls, ['observe']);
  t.true(result.events.some((e) => e.type === 'action' && e.result === 'dry-run'));
});

test('runOnce exits 2 on an invalid file, with the problem in the status', async (t) => {
  const world = fakeWorld({ configuration: fileRead('{"cluster": "", "sleepTimeSeconds": 0}') });
  const result = await runOnce(fakeDependencies(world));
  t.is(result.exitCode, 2);
  t.regex(result.status.files[0]?.error ?? '', /sleepTimeSeconds/);
  t.deepEqual(world.calls, []);
});

test('runOnce exits 2 when a file cannot be read and retrying cannot help, 1 when it can', async (t) => {
  const denied = await runOnce(
    fakeDependencies(fakeWorld({ services: E.left(awsError('AccessDenied', false)) })),
  );
  t.is(denied.exitCode, 2);
  const throttled = await runOnce(
    fakeDependencies(fakeWorld({ services: E.left(awsError('SlowDown', true)) })),
  );
  t.is(throttled.exitCode, 1);
});

test('loadSpec decodes both files', async (t) => {
  const world = fakeWorld();
  const deps = fakeDependencies(world);
  const loaded = await loadSpec(deps);
  t.true(E.isRight(loaded));
  if (E.isRight(loaded)) {
    t.is(String(loaded.right.spec.configuration.cluster), 'c');
    t.is(loaded.right.spec.services.length, 2);
    t.deepEqual(loaded.right.warnings, []);
  }
});

test('loadSpec gives every problem of both files, each on one line with its JSON path', async (t) => {
  const world = fakeWorld({
    configuration: fileRead('{"cluster": "c"}'),
    services: fileRead('[{"serviceName": "web", "exposedContainerName": "app", "loadBalancerName": 42}]'),
  });
  const loaded = await loadSpec(fakeDependencies(world));
  t.true(E.isLeft(loaded));
  if (E.isLeft(loaded)) {
    t.true(loaded.left.some((l) => l.startsWith('configuration.json: sleepTimeSeconds')));
    t.true(loaded.left.some((l) => l.startsWith('services.json: services[0].loadBalancerName')));
  }
});

test('loadSpec reports warnings (unknown fields) and still loads', async (t) => {
  const world = fakeWorld({
    configuration: fileRead(configurationText(10, { sleepTimeSecond: 3 })),
    services: fileRead(servicesText),
  });
  const loaded = await loadSpec(fakeDependencies(world));
  t.true(E.isRight(loaded) && loaded.right.warnings.length === 1);
});

test('observeAndPlan observes once and plans, changing nothing', async (t) => {
  const world = fakeWorld();
  const deps = fakeDependencies(world);
  const loaded = await loadSpec(deps);
  if (E.isLeft(loaded)) return t.fail(loaded.left.join('\n'));
  const result = await observeAndPlan(deps, loaded.right.spec, identity, 0);
  t.true(E.isRight(result) && result.right.plan.actions.length === 4);
  t.deepEqual(world.calls, ['observe']);
});

test('runOnce exits 1 when a configured load balancer does not exist', async (t) => {
  const world = fakeWorld();
  world.observation = {
    ...world.observation,
    loadBalancers: world.observation.loadBalancers.filter((lb) => lb.name !== 'api-lb'),
  };
  const result = await runOnce(fakeDependencies(world));
  t.is(result.exitCode, 1);
  t.deepEqual(
    result.status.services.map((s) => s.state),
    ['in-sync', 'error'],
  );
});
