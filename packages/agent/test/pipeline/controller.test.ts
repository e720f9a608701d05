import type { LocalTask } from '@statika/aws';
import type { ReplaceListeners } from '@statika/core';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { filter, map, of } from 'rxjs';
import { agentStatusOf } from '../../src/pipeline/agent-status-of.js';
import { controller$, type StopRequest, strongerTrigger } from '../../src/pipeline/controller.js';
import {
  awsError,
  configurationText,
  controllerOptions,
  fakePorts,
  fakeWorld,
  fileRead,
  servicesText,
  staleObservation,
  task,
} from './fixtures.js';
import { testScheduler } from './marbles.js';
import { at, runController } from './timeline.js';

test('converges at start-up, then a resync finds nothing to do', (t) => {
  const world = fakeWorld();
  const { lines } = runController((s) => controllerOptions(fakePorts(world), s), 1500);
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
    (s) => controllerOptions(fakePorts(world), s),
    6000,
    (s) =>
      at(s, 1500, () => {
        world.configuration = fileRead(configurationText(3));
      }),
    (p) => p.type === 'tick',
  );
  t.deepEqual(lines, ['0 tick startup', '1000 tick resync', '2000 tick resync', '5000 tick resync']);
});

test('a bad services file is reported and the last good one stays in force', (t) => {
  const world = fakeWorld();
  const { lines, final } = runController(
    (s) => controllerOptions(fakePorts(world), s),
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
    (s) => controllerOptions(fakePorts(world), s),
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
    (s) => controllerOptions(fakePorts(world), s),
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
    (s) => controllerOptions(fakePorts(world), s, { random: () => 0.99 }),
    60_000,
    () => {},
    (p) => p.type === 'tick',
  );
  t.deepEqual(
    lines.map((l) => Number(l.split(' ')[0])),
    [0, 990, 2970, 6930, 14_850, 24_750, 34_650, 44_550, 54_450],
  );
});

test('observation failures back off exponentially with jitter; other triggers during the backoff do not observe; success resets it', (t) => {
  const world = fakeWorld({ configuration: fileRead(configurationText(60)) });
  let failures = 3;
  world.failObserve = () => (failures-- > 0 ? awsError('Throttling', true) : undefined);
  let local: readonly LocalTask[] = [localTask('web', 32768)];
  const ports = { ...fakePorts(world), localTasks: () => of(E.right(local)) };
  const { lines } = runController(
    (s) => controllerOptions(ports, s),
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
    (s) => controllerOptions(fakePorts(world), s, { backoff: { initialMs: 10_000, maxMs: 300_000 } }),
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
    (s) => controllerOptions(fakePorts(world), s),
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
    (s) => controllerOptions(fakePorts(world), s),
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

test("one service's slow load balancer does not delay another's actions", (t) => {
  const world = fakeWorld({
    configuration: fileRead(configurationText(60)),
    applyLatencyMs: (a) => (a.loadBalancerName === 'api-lb' ? 3000 : 10),
  });
  const { lines } = runController(
    (s) => controllerOptions(fakePorts(world), s),
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
    (s) => controllerOptions(fakePorts(world), s),
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
  t.is(api?.inSync, false);
  t.is(final()?.reports.find((r) => r.serviceName === 'web')?.state, 'in-sync');
});

test('a retryable action failure retries that service alone after its backoff', (t) => {
  const world = fakeWorld({ configuration: fileRead(configurationText(60)) });
  let failures = 1;
  world.failApply = (a) =>
    a.loadBalancerName === 'api-lb' && failures-- > 0 ? awsError('Throttling', true) : undefined;
  const { lines } = runController(
    (s) => controllerOptions(fakePorts(world), s),
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
    (s) => controllerOptions(ports, s),
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
      controllerOptions(
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

test('an error thrown inside a stage becomes a value and the next trigger reconciles normally', (t) => {
  const world = fakeWorld();
  const ports = fakePorts(world);
  let calls = 0;
  const { lines } = runController(
    (s) =>
      controllerOptions(
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

test('stop: the action in flight finishes, no other starts, and the stream completes', (t) => {
  const world = fakeWorld({ applyLatencyMs: (a) => (a.loadBalancerName === 'api-lb' ? 100 : 0) });
  const { lines, completedAt } = runController(
    (s) => controllerOptions(fakePorts(world), s),
    5000,
    (s, stop) => at(s, 50, () => stop({ deregister: false })),
    (p) => p.type === 'action' || p.type === 'reconciled',
  );
  t.deepEqual(lines, [
    '0 applied configureHealthCheck web-lb',
    '0 applied replaceListeners web-lb',
    '100 applied configureHealthCheck api-lb',
    '100 reconciled startup ok',
  ]);
  t.is(completedAt(), 100);
  t.false(world.calls.includes('replaceListeners api-lb'));
});

test('stop with deregistration: leaves every load balancer this instance is registered with, then completes', (t) => {
  const world = fakeWorld();
  const { lines, completedAt } = runController(
    (s) => controllerOptions(fakePorts(world), s),
    5000,
    (s, stop) => at(s, 1500, () => stop({ deregister: true })),
    (p) =>
      (p.type === 'tick' && p.trigger === 'shutdown') ||
      (p.type === 'action' && p.report.action.type === 'deregister') ||
      p.type === 'reconciled',
  );
  t.deepEqual(lines, [
    '0 reconciled startup ok',
    '1000 reconciled resync ok',
    '1500 tick shutdown',
    '1500 applied deregister web-lb',
    '1500 applied deregister api-lb',
    '1500 reconciled shutdown ok',
  ]);
  t.is(completedAt(), 1500);
  t.deepEqual(
    world.observation.loadBalancers.map((lb) => lb.instances),
    [[], []],
  );
});

test('deregisterOnExit in the configuration deregisters on a plain stop', (t) => {
  const world = fakeWorld({ configuration: fileRead(configurationText(1, { deregisterOnExit: true })) });
  const { lines } = runController(
    (s) => controllerOptions(fakePorts(world), s),
    5000,
    (s, stop) => at(s, 500, () => stop({ deregister: false })),
    (p) => p.type === 'action' && p.report.action.type === 'deregister',
  );
  t.deepEqual(lines, ['500 applied deregister web-lb', '500 applied deregister api-lb']);
});

test('stop tears down every trigger source (teardown with expectSubscriptions)', (t) => {
  const scheduler = testScheduler(t);
  const world = fakeWorld();
  let stopSubscriptions: readonly { subscribedFrame: number; unsubscribedFrame: number }[] = [];
  scheduler.run(({ hot, cold, expectObservable, expectSubscriptions }) => {
    const stop$ = hot<StopRequest>('1500ms s', { s: { deregister: false } });
    const local$ = cold<E.Either<never, readonly LocalTask[]>>('(a|)', { a: E.right([]) });
    const ports = { ...fakePorts(world), localTasks: () => local$ };
    const reconciles$ = controller$(controllerOptions(ports, scheduler), stop$).pipe(
      filter((u) => u.progress.type === 'reconciled'),
      map(() => 'r'),
    );
    expectObservable(reconciles$).toBe('r 999ms r 499ms |');
    expectSubscriptions(local$.subscriptions).toBe(['1000ms (^!)']);
    stopSubscriptions = stop$.subscriptions;
  });
  // The triggers listen for the stop from start to stop; each read listens only while it is in flight.
  t.like(stopSubscriptions[0], { subscribedFrame: 0, unsubscribedFrame: 1500 });
  t.true(stopSubscriptions.every((s) => s.unsubscribedFrame <= 1500));
});

test('stop abandons a read in flight at once (no action was in flight)', (t) => {
  const world = fakeWorld({ observeLatencyMs: 5000 });
  const { lines, completedAt } = runController(
    (s) => controllerOptions(fakePorts(world), s),
    10_000,
    (s, stop) => at(s, 100, () => stop({ deregister: false })),
  );
  t.deepEqual(lines, [
    '0 tick startup',
    '0 file configuration loaded',
    '0 file services loaded',
    '100 reconciled startup error',
  ]);
  t.is(completedAt(), 100);
});

const localTask = (family: string, hostPort: number, knownStatus = 'RUNNING'): LocalTask => ({
  arn: `arn:task/${family}-${hostPort}`,
  family,
  desiredStatus: 'RUNNING',
  knownStatus,
  containers: [{ name: 'app', ports: [{ containerPort: 8080, hostPort, protocol: 'tcp' }] }],
});

test('the local watch triggers a reconcile when a task of a configured family changes, and only then', (t) => {
  const world = fakeWorld({ configuration: fileRead(configurationText(60)) });
  let local: readonly LocalTask[] = [localTask('web', 32768), localTask('api', 32769)];
  const ports = { ...fakePorts(world), localTasks: () => of(E.right(local)) };
  const { lines } = runController(
    (s) => controllerOptions(ports, s),
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

test('a journaled replacement is finished before anything is planned, then cleared', (t) => {
  const world = fakeWorld();
  const journaled: ReplaceListeners = {
    type: 'replaceListeners',
    serviceName: 'web',
    loadBalancerName: world.observation.loadBalancers[0]!.name,
    remove: [{ protocol: 'HTTPS', loadBalancerPort: 443, instancePort: 31000, policyNames: ['tls'] }],
    create: [{ protocol: 'HTTPS', loadBalancerPort: 443, instancePort: 32768, policyNames: ['tls'] }],
  };
  let entries: readonly ReplaceListeners[] = [journaled];
  const ports = {
    ...fakePorts(world),
    journal: {
      entries: () => of(entries),
      clear: (a: ReplaceListeners) => {
        entries = entries.filter((e) => e.loadBalancerName !== a.loadBalancerName);
        return of(undefined);
      },
    },
  };
  const { lines } = runController(
    (s) => controllerOptions(ports, s),
    500,
    () => {},
    (p) => p.type !== 'file' && p.type !== 'tick',
  );
  t.deepEqual(lines.slice(0, 3), [
    '0 journal web-lb recovered',
    '0 observed',
    '0 applied configureHealthCheck web-lb',
  ]);
  t.deepEqual(world.calls.slice(0, 3), ['describeLoadBalancers', 'replaceListeners web-lb', 'observe']);
  t.deepEqual(entries, []);
  t.true(
    world.observation.loadBalancers[0]?.listeners.some(
      (l) => l.loadBalancerPort === 443 && l.policyNames[0] === 'tls',
    ),
  );
});

test("a journal entry with nothing left to create still applies, to remove its writer's policy record", (t) => {
  const world = fakeWorld();
  const lb = world.observation.loadBalancers[0]!;
  const journaled: ReplaceListeners = {
    type: 'replaceListeners',
    serviceName: 'web',
    loadBalancerName: lb.name,
    remove: [],
    create: lb.listeners.map((l) => ({ ...l })),
    writer: world.observation.host.instanceId,
  };
  let entries: readonly ReplaceListeners[] = [journaled];
  const ports = {
    ...fakePorts(world),
    journal: {
      entries: () => of(entries),
      clear: (a: ReplaceListeners) => {
        entries = entries.filter((e) => e.loadBalancerName !== a.loadBalancerName);
        return of(undefined);
      },
    },
  };
  const { lines } = runController(
    (s) => controllerOptions(ports, s),
    500,
    () => {},
    (p) => p.type === 'journal',
  );
  t.deepEqual(lines, ['0 journal web-lb complete']);
  t.deepEqual(world.calls.slice(0, 2), ['describeLoadBalancers', 'replaceListeners web-lb']);
  t.deepEqual(entries, []);
});

test('a journaled replacement is finished while a file is still bad: it needs only its load balancer', (t) => {
  const world = fakeWorld({ services: fileRead('not json') });
  const journaled: ReplaceListeners = {
    type: 'replaceListeners',
    serviceName: 'web',
    loadBalancerName: world.observation.loadBalancers[0]!.name,
    remove: [{ protocol: 'HTTP', loadBalancerPort: 8080, instancePort: 31000, policyNames: [] }],
    create: [{ protocol: 'HTTP', loadBalancerPort: 8080, instancePort: 32768, policyNames: [] }],
  };
  let entries: readonly ReplaceListeners[] = [journaled];
  const ports = {
    ...fakePorts(world),
    journal: {
      entries: () => of(entries),
      clear: () => {
        entries = [];
        return of(undefined);
      },
    },
  };
  const { lines } = runController(
    (s) => controllerOptions(ports, s),
    100,
    () => {},
    (p) => p.type !== 'backoff',
  );
  t.deepEqual(lines, [
    '0 tick startup',
    '0 journal web-lb recovered',
    '0 file configuration loaded',
    '0 file services invalid',
    '0 reconciled startup error',
  ]);
  t.deepEqual(world.calls, ['describeLoadBalancers', 'replaceListeners web-lb']);
  t.deepEqual(entries, []);
});

test('an unfinished journal entry keeps its load balancer out of the plan; other services go on', (t) => {
  const world = fakeWorld({
    failApply: (a) =>
      a.type === 'replaceListeners' && a.remove.length === 0 ? awsError('Throttling', true) : undefined,
  });
  const journaled: ReplaceListeners = {
    type: 'replaceListeners',
    serviceName: 'web',
    loadBalancerName: world.observation.loadBalancers[0]!.name,
    remove: [],
    create: [{ protocol: 'HTTPS', loadBalancerPort: 443, instancePort: 32768, policyNames: [] }],
  };
  const ports = {
    ...fakePorts(world),
    journal: { entries: () => of([journaled]), clear: () => of(undefined) },
  };
  const { lines } = runController(
    (s) => controllerOptions(ports, s),
    500,
    () => {},
    (p) => p.type === 'journal' || p.type === 'action' || p.type === 'reconciled',
  );
  t.deepEqual(lines, [
    '0 journal web-lb failed',
    '0 applied configureHealthCheck api-lb',
    '0 applied replaceListeners api-lb',
    '0 reconciled startup error',
  ]);
});

test('a DRAINING host applies the deregistrations the plan gives', (t) => {
  const world = fakeWorld();
  world.observation = { ...world.observation, host: { ...world.observation.host, status: 'DRAINING' } };
  const { lines } = runController(
    (s) => controllerOptions(fakePorts(world), s),
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
    (s) => controllerOptions(fakePorts(world), s, { dryRun: true }),
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
    final()?.reports.map((r) => r.inSync),
    [false, false],
  );
});

test('triggers during a slow reconcile coalesce into one more', (t) => {
  const world = fakeWorld({ observeLatencyMs: 2500 });
  const { lines } = runController(
    (s) => controllerOptions(fakePorts(world), s),
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

test('a configuration naming another cluster asks for the identity again', (t) => {
  const world = fakeWorld();
  const clusters: string[] = [];
  const ports = fakePorts(world);
  const { final } = runController(
    (s) =>
      controllerOptions(
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

test("a service's since moves only when its state changes; the status says ready once observed", (t) => {
  const world = fakeWorld();
  const { final } = runController(
    (s) => controllerOptions(fakePorts(world), s),
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
