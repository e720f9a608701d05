import type { LocalTask } from '@statika/aws';
import test from 'ava';
import * as E from 'fp-ts/lib/Either.js';
import { filter, map } from 'rxjs';
import { controller$ } from '../../src/pipeline/controller.js';
import type { StopRequest } from '../../src/pipeline/stop-request.js';
import { configurationText, fakePorts, fakeWorld, fileRead, testDependencies } from './fixtures.js';
import { testScheduler } from './marbles.js';
import { at, runController } from './timeline.js';

/** Stopping: the action in flight finishes, reads are abandoned, the deregistration on exit. */

test('stop: the action in flight finishes, no other starts, and the stream completes', (t) => {
  const world = fakeWorld({ applyLatencyMs: (a) => (a.loadBalancerName === 'api-lb' ? 100 : 0) });
  const { lines, completedAt } = runController(
    (s) => testDependencies(fakePorts(world), s),
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
    (s) => testDependencies(fakePorts(world), s),
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
    (s) => testDependencies(fakePorts(world), s),
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
    const reconciles$ = controller$(testDependencies(ports, scheduler, { stop$ })).pipe(
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
    (s) => testDependencies(fakePorts(world), s),
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
