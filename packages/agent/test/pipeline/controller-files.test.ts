import test from 'ava';
import type { Progress } from '../../src/pipeline/progress.js';
import {
  configurationText,
  fakePorts,
  fakeWorld,
  fileRead,
  servicesText,
  staleObservation,
  testDependencies,
} from './fixtures.js';
import { at, runController } from './timeline.js';

/** The two files: reloaded on every resync, the last good one in force, retried until one loads. */

test('a bad services file is reported and the last good one stays in force', (t) => {
  const world = fakeWorld();
  const { lines, final } = runController(
    (s) => testDependencies(fakePorts(world), s),
    2500,
    (s) => {
      at(s, 500, () => {
        world.services = fileRead('[{"serviceName": 42}]');
      });
      at(s, 1500, () => {
        world.observation = staleObservation();
      });
    },
  );
  t.deepEqual(
    lines.filter((l) => l.startsWith('1000') || l.startsWith('2000')),
    [
      '1000 tick resync',
      '1000 file configuration unchanged',
      '1000 file services invalid',
      '1000 observed',
      '1000 reconciled resync error',
      '2000 tick resync',
      '2000 file configuration unchanged',
      '2000 file services invalid',
      '2000 observed',
      '2000 applied configureHealthCheck web-lb',
      '2000 applied replaceListeners web-lb',
      '2000 applied configureHealthCheck api-lb',
      '2000 applied replaceListeners api-lb',
      '2000 reconciled resync error',
    ],
  );
  const state = final();
  t.is(state?.servicesFile.loaded?.loadedAt, 0);
  t.regex(state?.servicesFile.error ?? '', /services\[0\]\.serviceName: expected/);
});

test('a file that becomes good again is loaded and its error cleared', (t) => {
  const world = fakeWorld();
  const { lines, final } = runController(
    (s) => testDependencies(fakePorts(world), s),
    2500,
    (s) => {
      at(s, 500, () => {
        world.services = fileRead('not json');
      });
      at(s, 1500, () => {
        world.services = fileRead(servicesText.replace('"api"', '"api2"'));
      });
    },
    (p) => p.type === 'file' && p.file === 'services',
  );
  t.deepEqual(lines, ['0 file services loaded', '1000 file services invalid', '2000 file services loaded']);
  t.is(final()?.servicesFile.error, undefined);
  t.is(final()?.servicesFile.loaded?.loadedAt, 2000);
});

test('with no good file yet, the agent is not ready and retries with backoff until one loads', (t) => {
  const world = fakeWorld({ configuration: fileRead('{"cluster": "c"}') });
  const { lines, final } = runController(
    (s) => testDependencies(fakePorts(world), s),
    4000,
    (s) =>
      at(s, 2000, () => {
        world.configuration = fileRead(configurationText(60));
      }),
    (p) => p.type === 'tick' || (p.type === 'file' && p.file === 'configuration') || p.type === 'backoff',
  );
  t.deepEqual(lines, [
    '0 tick startup',
    '0 file configuration invalid',
    '0 backoff files until 500',
    '500 tick retry',
    '500 file configuration invalid',
    '500 backoff files until 1500',
    '1500 tick retry',
    '1500 file configuration invalid',
    '1500 backoff files until 3500',
    '3500 tick retry',
    '3500 file configuration loaded',
    '3500 backoff files reset',
  ]);
  t.truthy(final()?.configurationFile.loaded);
});

test('with no good file yet, the file reads back off at most 10 s apart (there is no resync yet)', (t) => {
  const world = fakeWorld({ configuration: fileRead('{"cluster": "c"}') });
  const { lines } = runController(
    (s) => testDependencies(fakePorts(world), s, { random: () => 0.99 }),
    60_000,
    () => {},
    (p) => p.type === 'tick',
  );
  t.deepEqual(
    lines.map((l) => Number(l.split(' ')[0])),
    [0, 990, 2970, 6930, 14_850, 24_750, 34_650, 44_550, 54_450],
  );
});

test('with no good file yet, a zero draw of the jitter still retries the reads (at once, then on)', (t) => {
  // Full jitter may draw a wait of 0 ms: the retry is due the moment it is scheduled, and there is no
  // resync yet to fall back on, so a retry dropped here would leave the agent without a spec for good.
  const world = fakeWorld({ configuration: fileRead('{"cluster": "c"}') });
  const draws = [0, 0.5, 0.5, 0.5];
  const { lines, final } = runController(
    (s) => testDependencies(fakePorts(world), s, { random: () => draws.shift() ?? 0.5 }),
    3000,
    (s) =>
      at(s, 600, () => {
        world.configuration = fileRead(configurationText(60));
      }),
    (p) => p.type === 'tick' || (p.type === 'file' && p.file === 'configuration'),
  );
  t.deepEqual(lines.slice(0, 6), [
    '0 tick startup',
    '0 file configuration invalid',
    '1 tick retry',
    '1 file configuration invalid',
    '1001 tick retry',
    '1001 file configuration loaded',
  ]);
  t.truthy(final()?.configurationFile.loaded);
});

test('a configuration naming another cluster asks for the identity again', (t) => {
  const world = fakeWorld();
  const clusters: string[] = [];
  const ports = fakePorts(world);
  const { final } = runController(
    (s) =>
      testDependencies(
        {
          ...ports,
          identity: (cluster) => {
            clusters.push(cluster);
            return ports.identity(cluster);
          },
        },
        s,
      ),
    2500,
    (s) =>
      at(s, 1500, () => {
        world.configuration = fileRead(JSON.stringify({ cluster: 'd', sleepTimeSeconds: 1 }));
      }),
  );
  t.deepEqual(clusters, ['c', 'd']);
  t.truthy(final()?.identity);
});

test('with no good file yet, each failed reconcile names the files as the failure and the next read as what follows', (t) => {
  const world = fakeWorld({ configuration: fileRead('{"cluster": "c",}') });
  const reconciled: Extract<Progress, { type: 'reconciled' }>[] = [];
  runController(
    (s) => testDependencies(fakePorts(world), s),
    2000,
    () => {},
    (p) => {
      if (p.type === 'reconciled') reconciled.push(p);
      return false;
    },
  );
  t.deepEqual(
    reconciled.map((r) => [r.at, r.result, r.failure, r.next]),
    [0, 500, 1500].map((at, i) => [
      at,
      'error',
      {
        type: 'no-spec',
        files: [
          {
            url: 'configuration.json',
            error: "configuration.json:1:17: expected a property name in double quotes, got '}'",
          },
        ],
      },
      { type: 'retry', inMs: [500, 1000, 2000][i] },
    ]),
  );
});

test('with a spec in force, a reconcile that fails on a refused file says so and waits for the next resync', (t) => {
  const world = fakeWorld();
  const reconciled: Extract<Progress, { type: 'reconciled' }>[] = [];
  runController(
    (s) => testDependencies(fakePorts(world), s),
    1500,
    (s) =>
      at(s, 500, () => {
        world.services = fileRead('[{"serviceName": 42}]');
      }),
    (p) => {
      if (p.type === 'reconciled') reconciled.push(p);
      return false;
    },
  );
  t.deepEqual(
    reconciled.map((r) => [r.at, r.result, r.failure?.type, r.next.type]),
    [
      [0, 'ok', undefined, 'resync'],
      [1000, 'error', 'file', 'resync'],
    ],
  );
});
