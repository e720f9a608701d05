import type { LocalTask } from '@statika/aws';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { of } from 'rxjs';
import { agentStatusOf } from '../../src/pipeline/agent-status-of.js';
import { strongerTrigger } from '../../src/pipeline/controller.js';
import {
  configurationText,
  fakePorts,
  fakeWorld,
  fileRead,
  localTask,
  task,
  testDependencies,
} from './fixtures.js';
import { at, runController } from './timeline.js';

/** A reconcile at start-up, on every resync tick and local change, one at a time; the status it leaves. */

test('converges at start-up, then a resync finds nothing to do', (t) => {
  const world = fakeWorld();
  const { lines } = runController((s) => testDependencies(fakePorts(world), s), 1500);
  t.deepEqual(lines, [
    '0 tick startup',
    '0 file configuration loaded',
    '0 file services loaded',
    '0 observed',
    '0 applied configureHealthCheck web-lb',
    '0 applied replaceListeners web-lb',
    '0 applied configureHealthCheck api-lb',
    '0 applied replaceListeners api-lb',
    '0 reconciled startup ok',
    '1000 tick resync',
    '1000 file configuration unchanged',
    '1000 file services unchanged',
    '1000 observed',
    '1000 reconciled resync ok',
  ]);
});

test('the resync interval follows the configuration loaded last', (t) => {
  const world = fakeWorld();
  const { lines } = runController(
    (s) => testDependencies(fakePorts(world), s),
    6000,
    (s) =>
      at(s, 1500, () => {
        world.configuration = fileRead(configurationText(3));
      }),
    (p) => p.type === 'tick',
  );
  t.deepEqual(lines, ['0 tick startup', '1000 tick resync', '2000 tick resync', '5000 tick resync']);
});

test('the local watch triggers a reconcile when a task of a configured family changes, and only then', (t) => {
  const world = fakeWorld({ configuration: fileRead(configurationText(60)) });
  let local: readonly LocalTask[] = [localTask('web', 32768), localTask('api', 32769)];
  const ports = { ...fakePorts(world), localTasks: () => of(E.right(local)) };
  const { lines } = runController(
    (s) => testDependencies(ports, s),
    8000,
    (s) => {
      at(s, 2500, () => {
        local = [localTask('web', 32768), localTask('api', 32769), localTask('sidecar', 40000)];
      });
      at(s, 4500, () => {
        local = [
          localTask('web', 32768),
          localTask('web', 32770, 'PENDING'),
          localTask('api', 32769),
          localTask('sidecar', 40000),
        ];
      });
      at(s, 6500, () => {
        local = [
          localTask('web', 32768),
          localTask('web', 32770),
          localTask('api', 32769),
          localTask('sidecar', 40000),
        ];
      });
    },
    (p) => p.type === 'tick',
  );
  t.deepEqual(lines, ['0 tick startup', '5000 tick local-change', '7000 tick local-change']);
});

test('triggers during a slow reconcile coalesce into one more', (t) => {
  const world = fakeWorld({ observeLatencyMs: 2500 });
  const { lines } = runController(
    (s) => testDependencies(fakePorts(world), s),
    6000,
    () => {},
    (p) => p.type === 'tick' || p.type === 'reconciled',
  );
  t.deepEqual(lines, [
    '0 tick startup',
    '2500 reconciled startup ok',
    '2500 tick resync',
    '5000 reconciled resync ok',
    '5000 tick resync',
  ]);
});

test('a resync coalesced with a local change keeps its reload', (t) => {
  t.is(strongerTrigger('resync', 'local-change'), 'resync');
  t.is(strongerTrigger('local-change', 'resync'), 'resync');
  t.is(strongerTrigger('retry', 'local-change'), 'local-change');
  t.is(strongerTrigger('retry', 'retry'), 'retry');
});

test("a service's since moves only when its state changes; the status says ready once observed", (t) => {
  const world = fakeWorld();
  const { final } = runController(
    (s) => testDependencies(fakePorts(world), s),
    3500,
    (s) =>
      at(s, 2500, () => {
        world.observation = { ...world.observation, tasks: [task('web', 32768, false), task('api', 32769)] };
      }),
  );
  const status = agentStatusOf(final()!);
  t.deepEqual(
    status.services.map((s) => [s.serviceName, s.state, s.since]),
    [
      ['web', 'served-elsewhere', 3000],
      ['api', 'in-sync', 0],
    ],
  );
  t.true(status.ready);
  t.is(status.resyncIntervalMs, 1000);
  t.is(status.lastTickAt, 3000);
  t.deepEqual(status.files, [
    { url: 'configuration.json', loadedAt: 0, error: undefined },
    { url: 'services.json', loadedAt: 0, error: undefined },
  ]);
});
