import { needsChange } from '@statika/core';
import test from 'ava';
import { awsError, configurationText, fakePorts, fakeWorld, fileRead, testDependencies } from './fixtures.js';
import { runController } from './timeline.js';

/** Applying the plan: services independently, failures as values, dry run. */

test("one service's slow load balancer does not delay another's actions", (t) => {
  const world = fakeWorld({
    configuration: fileRead(configurationText(60)),
    applyLatencyMs: (a) => (a.loadBalancerName === 'api-lb' ? 3000 : 10),
  });
  const { lines } = runController(
    (s) => testDependencies(fakePorts(world), s),
    7000,
    () => {},
    (p) => p.type === 'action' || p.type === 'reconciled',
  );
  t.deepEqual(lines, [
    '10 applied configureHealthCheck web-lb',
    '20 applied replaceListeners web-lb',
    '3000 applied configureHealthCheck api-lb',
    '6000 applied replaceListeners api-lb',
    '6000 reconciled startup ok',
  ]);
});

test("one service's failing load balancer neither stops the others nor runs its own later actions", (t) => {
  const world = fakeWorld({
    configuration: fileRead(configurationText(60)),
    failApply: (a) =>
      a.loadBalancerName === 'api-lb' ? awsError('InvalidConfigurationRequest', false) : undefined,
  });
  const { lines, final } = runController(
    (s) => testDependencies(fakePorts(world), s),
    100,
    () => {},
    (p) => p.type === 'action' || p.type === 'reconciled' || p.type === 'backoff',
  );
  t.deepEqual(lines, [
    '0 applied configureHealthCheck web-lb',
    '0 applied replaceListeners web-lb',
    '0 failed configureHealthCheck api-lb',
    '0 reconciled startup error',
  ]);
  const api = final()?.reports.find((r) => r.serviceName === 'api');
  t.is(api?.lastError?.error.code, 'InvalidConfigurationRequest');
  t.is(api?.lastAction?.result, 'failed');
  t.is(api?.state, 'converging');
  t.is(final()?.reports.find((r) => r.serviceName === 'web')?.state, 'in-sync');
});

test('an error thrown inside a stage becomes a value and the next trigger reconciles normally', (t) => {
  const world = fakeWorld();
  const ports = fakePorts(world);
  let calls = 0;
  const { lines } = runController(
    (s) =>
      testDependencies(
        {
          ...ports,
          observe: (spec, id) => {
            if (calls++ === 0) throw new Error('a bug in an adapter');
            return ports.observe(spec, id);
          },
        },
        s,
      ),
    1500,
    () => {},
    (p) => p.type === 'unexpected' || p.type === 'reconciled' || p.type === 'observed',
  );
  t.deepEqual(lines, [
    '0 unexpected in observe',
    '0 reconciled startup error',
    '1000 observed',
    '1000 reconciled resync ok',
  ]);
});

test('a DRAINING host applies the deregistrations the plan gives', (t) => {
  const world = fakeWorld();
  world.observation = { ...world.observation, host: { ...world.observation.host, status: 'DRAINING' } };
  const { lines } = runController(
    (s) => testDependencies(fakePorts(world), s),
    500,
    () => {},
    (p) => p.type === 'action',
  );
  t.deepEqual(lines, ['0 applied deregister web-lb', '0 applied deregister api-lb']);
});

test('dry run reports every planned action and changes nothing', (t) => {
  const world = fakeWorld();
  const before = world.observation;
  const { lines, final } = runController(
    (s) => testDependencies(fakePorts(world), s, { dryRun: true }),
    500,
    () => {},
    (p) => p.type === 'action',
  );
  t.deepEqual(lines, [
    '0 dry-run configureHealthCheck web-lb',
    '0 dry-run replaceListeners web-lb',
    '0 dry-run configureHealthCheck api-lb',
    '0 dry-run replaceListeners api-lb',
  ]);
  t.is(world.observation, before);
  t.deepEqual(world.calls, ['observe']);
  t.deepEqual(
    final()?.reports.map((r) => !needsChange(r)),
    [false, false],
  );
});
