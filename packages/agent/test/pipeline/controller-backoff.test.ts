import type { LocalTask } from '@statika/aws';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { of } from 'rxjs';
import {
  awsError,
  configurationText,
  fakePorts,
  fakeWorld,
  fileRead,
  localTask,
  testDependencies,
} from './fixtures.js';
import { at, runController } from './timeline.js';

/** Backoff: what fails and can be retried is tried again soon, alone; a resync tries everything. */

test('observation failures back off exponentially with jitter; other triggers during the backoff do not observe; success resets it', (t) => {
  const world = fakeWorld({ configuration: fileRead(configurationText(60)) });
  let failures = 3;
  world.failObserve = () => (failures-- > 0 ? awsError('Throttling', true) : undefined);
  let local: readonly LocalTask[] = [localTask('web', 32768)];
  const ports = { ...fakePorts(world), localTasks: () => of(E.right(local)) };
  const { lines } = runController(
    (s) => testDependencies(ports, s),
    4200,
    (s) =>
      at(s, 1100, () => {
        local = [localTask('web', 32768), localTask('web', 32770)];
      }),
    (p) => p.type === 'tick' || p.type === 'observed' || p.type === 'backoff',
  );
  t.deepEqual(lines, [
    '0 tick startup',
    '0 observe failed Throttling',
    '0 backoff observe until 500',
    '500 tick retry',
    '500 observe failed Throttling',
    '500 backoff observe until 1500',
    '1500 tick retry',
    '1500 observe failed Throttling',
    '1500 backoff observe until 3500',
    '2000 tick local-change',
    '3500 tick retry',
    '3500 observed',
    '3500 backoff observe reset',
  ]);
  t.deepEqual(world.calls.filter((c) => c === 'observe').length, 4);
});

test('every resync observes, however long the observation backoff has grown', (t) => {
  const world = fakeWorld({ configuration: fileRead(configurationText(1)) });
  let failing = true;
  world.failObserve = () => (failing ? awsError('Throttling', true) : undefined);
  const { lines } = runController(
    (s) => testDependencies(fakePorts(world), s, { backoff: { initialMs: 10_000, maxMs: 300_000 } }),
    3500,
    (s) =>
      at(s, 2500, () => {
        failing = false;
      }),
    (p) => p.type === 'tick' || p.type === 'observed' || p.type === 'backoff',
  );
  t.deepEqual(lines, [
    '0 tick startup',
    '0 observe failed Throttling',
    '0 backoff observe until 5000',
    '1000 tick resync',
    '1000 observe failed Throttling',
    '1000 backoff observe until 11000',
    '2000 tick resync',
    '2000 observe failed Throttling',
    '2000 backoff observe until 22000',
    '3000 tick resync',
    '3000 observed',
    '3000 backoff observe reset',
  ]);
});

test('after a reset, the next failure backs off from the start again', (t) => {
  const world = fakeWorld({ configuration: fileRead(configurationText(10)) });
  let failing = true;
  world.failObserve = () => (failing ? awsError('Throttling', true) : undefined);
  const { lines } = runController(
    (s) => testDependencies(fakePorts(world), s),
    10_600,
    (s) => {
      at(s, 400, () => {
        failing = false;
      });
      at(s, 9000, () => {
        failing = true;
      });
      at(s, 10_100, () => {
        failing = false;
      });
    },
    (p) => p.type === 'backoff' && p.key === 'observe',
  );
  t.deepEqual(lines, [
    '0 backoff observe until 500',
    '500 backoff observe reset',
    '10000 backoff observe until 10500',
    '10500 backoff observe reset',
  ]);
});

test('a terminal observation error is reported, not retried before the next resync', (t) => {
  const world = fakeWorld({ failObserve: () => awsError('AccessDenied', false) });
  const { lines, final } = runController(
    (s) => testDependencies(fakePorts(world), s),
    1500,
    () => {},
    (p) => p.type === 'tick' || p.type === 'observed' || p.type === 'backoff',
  );
  t.deepEqual(lines, [
    '0 tick startup',
    '0 observe failed AccessDenied',
    '1000 tick resync',
    '1000 observe failed AccessDenied',
  ]);
  t.is(final()?.lastObservation?.error?.code, 'AccessDenied');
});

test('a retryable action failure retries that service alone after its backoff', (t) => {
  const world = fakeWorld({ configuration: fileRead(configurationText(60)) });
  let failures = 1;
  world.failApply = (a) =>
    a.loadBalancerName === 'api-lb' && failures-- > 0 ? awsError('Throttling', true) : undefined;
  const { lines } = runController(
    (s) => testDependencies(fakePorts(world), s),
    1000,
    () => {},
    (p) => p.type === 'tick' || p.type === 'action' || p.type === 'backoff',
  );
  t.deepEqual(lines, [
    '0 tick startup',
    '0 applied configureHealthCheck web-lb',
    '0 applied replaceListeners web-lb',
    '0 failed configureHealthCheck api-lb',
    '0 backoff service:api until 500',
    '500 tick retry',
    '500 applied configureHealthCheck api-lb',
    '500 backoff service:api reset',
    '500 applied replaceListeners api-lb',
  ]);
});

test('a service backing off is skipped by other triggers until its time comes, but never by a resync', (t) => {
  const world = fakeWorld({ configuration: fileRead(configurationText(3)) });
  world.failApply = (a) => (a.loadBalancerName === 'api-lb' ? awsError('Throttling', true) : undefined);
  let local: readonly LocalTask[] = [localTask('web', 32768)];
  const ports = { ...fakePorts(world), localTasks: () => of(E.right(local)) };
  const { lines } = runController(
    (s) => testDependencies(ports, s),
    3200,
    (s) =>
      at(s, 1100, () => {
        local = [localTask('web', 32768), localTask('web', 32770)];
      }),
    (p) =>
      p.type === 'tick' ||
      (p.type === 'backoff' && p.key === 'service:api') ||
      (p.type === 'action' && p.report.action.loadBalancerName === 'api-lb'),
  );
  t.deepEqual(lines, [
    '0 tick startup',
    '0 failed configureHealthCheck api-lb',
    '0 backoff service:api until 500',
    '500 tick retry',
    '500 failed configureHealthCheck api-lb',
    '500 backoff service:api until 1500',
    '1500 tick retry',
    '1500 failed configureHealthCheck api-lb',
    '1500 backoff service:api until 3500',
    '2000 tick local-change',
    '3000 tick resync',
    '3000 failed configureHealthCheck api-lb',
    '3000 backoff service:api until 7000',
  ]);
});

test('a conflict asks for a fresh look soon', (t) => {
  const world = fakeWorld({ configuration: fileRead(configurationText(60)) });
  const ports = fakePorts(world);
  let conflicts = 1;
  const { lines } = runController(
    (s) =>
      testDependencies(
        {
          ...ports,
          apply: (a) =>
            a.type === 'replaceListeners' && a.loadBalancerName === 'web-lb' && conflicts-- > 0
              ? of(E.right({ type: 'conflict' as const, error: awsError('DuplicateListener', false) }))
              : ports.apply(a),
        },
        s,
      ),
    1000,
    () => {},
    (p) => p.type === 'tick' || (p.type === 'action' && p.report.action.loadBalancerName === 'web-lb'),
  );
  t.deepEqual(lines, [
    '0 tick startup',
    '0 applied configureHealthCheck web-lb',
    '0 conflict replaceListeners web-lb',
    '500 tick retry',
    '500 applied replaceListeners web-lb',
  ]);
});
