import { type Action, plan } from '@statika/core';
import test from 'ava';
import { map, shareReplay } from 'rxjs';
import { applyStep } from '../../src/pipeline/apply-step.js';
import { type ControllerState, specOf } from '../../src/pipeline/controller-state.js';
import type { Progress } from '../../src/pipeline/progress.js';
import type { StopRequest } from '../../src/pipeline/stop-request.js';
import { awsError, fakePorts, fakeWorld, staleObservation, testDependencies } from './fixtures.js';
import { testScheduler } from './marbles.js';
import { backingOffUntil, line, planned, readyState } from './stage-fixtures.js';

/** A reconcile of `trigger` that planned on the stale observation: both services move to new ports. */
const planning = (trigger: 'resync' | 'retry', more: readonly Progress[] = []): ControllerState => {
  const spec = specOf(readyState(trigger));
  if (spec === undefined) throw new Error('the fixtures load both files');
  return readyState(trigger, [...more, planned(plan(spec, staleObservation(), 0))]);
};

test("applies the plan's actions, each service's in order, and clears a service's backoff on success", (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ expectObservable }) => {
    const deps = testDependencies(fakePorts(fakeWorld()), scheduler);
    const state = planning('resync', [backingOffUntil('service:web', 60_000)]);
    expectObservable(applyStep(state, deps).pipe(map(line))).toBe('(abcde|)', {
      a: 'applied configureHealthCheck web-lb',
      b: 'backoff service:web reset',
      c: 'applied replaceListeners web-lb',
      d: 'applied configureHealthCheck api-lb',
      e: 'applied replaceListeners api-lb',
    });
  });
});

test("a failed action is a value that ends its service's turn and backs it off; the others go on", (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ expectObservable }) => {
    const world = fakeWorld({
      failApply: (a: Action) => (a.loadBalancerName === 'web-lb' ? awsError('Throttling', true) : undefined),
    });
    const deps = testDependencies(fakePorts(world), scheduler);
    expectObservable(applyStep(planning('resync'), deps).pipe(map(line))).toBe('(abcd|)', {
      a: 'failed configureHealthCheck web-lb',
      b: 'backoff service:web until 500',
      c: 'applied configureHealthCheck api-lb',
      d: 'applied replaceListeners api-lb',
    });
  });
});

test('a retry skips the services still backing off', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ expectObservable }) => {
    const world = fakeWorld();
    const deps = testDependencies(fakePorts(world), scheduler);
    const state = planning('retry', [backingOffUntil('service:web', 60_000)]);
    expectObservable(applyStep(state, deps).pipe(map(line))).toBe('(ab|)', {
      a: 'applied configureHealthCheck api-lb',
      b: 'applied replaceListeners api-lb',
    });
  });
});

test('the stop lets the actions in flight finish and starts no other (teardown)', (t) => {
  const scheduler = testScheduler(t);
  const world = fakeWorld({ applyLatencyMs: () => 10 });
  scheduler.run(({ hot, expectObservable }) => {
    // replayed, as the controller's stop is
    const stop$ = hot<StopRequest>('5ms s', { s: { deregister: false } }).pipe(shareReplay(1));
    const deps = testDependencies(fakePorts(world), scheduler, { stop$ });
    expectObservable(applyStep(planning('resync'), deps).pipe(map(line))).toBe('10ms (ab|)', {
      a: 'applied configureHealthCheck web-lb',
      b: 'applied configureHealthCheck api-lb',
    });
  });
  t.deepEqual(world.calls, ['configureHealthCheck web-lb', 'configureHealthCheck api-lb']);
});
