import type { ActionOutcome, Failure } from '@statika/aws';
import {
  type Action,
  type DeregisterInstance,
  instanceId,
  loadBalancerName,
  type RegisterInstance,
} from '@statika/core';
import test from 'ava';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';
import { map, type Observable, type SchedulerLike, shareReplay, throwError, toArray } from 'rxjs';
import { APPLY_CONCURRENCY, applyByService$, byService } from '../../src/pipeline/apply-by-service.js';
import type { PipelineDependencies } from '../../src/pipeline/pipeline-dependencies.js';
import type { StopRequest } from '../../src/pipeline/stop-request.js';
import { awsError, fakePorts, fakeWorld, testDependencies } from './fixtures.js';
import { testScheduler } from './marbles.js';

const register = (service: string): RegisterInstance => ({
  type: 'register',
  serviceName: service,
  loadBalancerName: loadBalancerName(`${service}-lb`),
  instanceId: instanceId('i-1'),
});
const deregister = (service: string): DeregisterInstance => ({ ...register(service), type: 'deregister' });

/** The dependencies of the apply: this `apply` port, the test clock, and the overrides. */
const applying = (
  scheduler: SchedulerLike,
  apply: (action: Action) => Observable<Either<Failure, ActionOutcome>>,
  overrides: Partial<PipelineDependencies> = {},
): PipelineDependencies => testDependencies({ ...fakePorts(fakeWorld()), apply }, scheduler, overrides);

const applied: Either<Failure, ActionOutcome> = E.right({ type: 'applied' });
const summary = map(
  (r: { action: Action; result: string }) => `${r.result} ${r.action.type} ${r.action.serviceName}`,
);

test('groups actions by service, keeping plan order within each', (t) => {
  const actions = [register('a'), register('b'), deregister('a')];
  t.deepEqual(byService(actions), [[register('a'), deregister('a')], [register('b')]]);
});

test("services run concurrently: a slow one does not delay another's", (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const apply = (a: Action): Observable<Either<Failure, ActionOutcome>> =>
      cold(a.serviceName === 'slow' ? '50ms (x|)' : '5ms (x|)', { x: applied });
    const reports$ = applyByService$(
      [register('slow'), register('fast'), deregister('fast')],
      applying(scheduler, apply),
    ).pipe(summary);
    expectObservable(reports$).toBe('5ms a 4ms b 39ms (c|)', {
      a: 'applied register fast',
      b: 'applied deregister fast',
      c: 'applied register slow',
    });
  });
});

test('at most APPLY_CONCURRENCY services apply at once; the next starts as soon as a turn is free', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const services = Array.from({ length: APPLY_CONCURRENCY + 2 }, (_, i) => `s${i}`);
    const apply = (): Observable<Either<Failure, ActionOutcome>> => cold('10ms (x|)', { x: applied });
    const finished$ = applyByService$(services.map(register), applying(scheduler, apply)).pipe(
      map((r) => `${scheduler.now()} ${r.action.serviceName}`),
      toArray(),
    );
    expectObservable(finished$).toBe('20ms (a|)', {
      a: services.map((s, i) => `${i < APPLY_CONCURRENCY ? 10 : 20} ${s}`),
    });
  });
});

test("a service stops at its first failure; the others' go on", (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
    const failing = cold('5ms (x|)', { x: E.left(awsError('Throttling', true)) });
    const fine = cold('5ms (x|)', { x: applied });
    const apply = (a: Action) => (a.serviceName === 'bad' ? failing : fine);
    const reports$ = applyByService$(
      [register('bad'), register('good'), deregister('bad'), deregister('good')],
      applying(scheduler, apply),
    ).pipe(summary);
    // (ab) at frame 5 takes four frames of the diagram, so c is at 5 + 4 + 1 = 10
    expectObservable(reports$).toBe('5ms (ab) 1ms (c|)', {
      a: 'failed register bad',
      b: 'applied register good',
      c: 'applied deregister good',
    });
    // one subscription: the service's second action never starts
    expectSubscriptions(failing.subscriptions).toBe(['^ 4ms !']);
  });
});

test('an apply that throws becomes a failed report, not an error of the stream', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const apply = (a: Action): Observable<Either<Failure, ActionOutcome>> =>
      a.serviceName === 'bad' ? throwError(() => new Error('bug')) : cold('(x|)', { x: applied });
    const reports$ = applyByService$([register('bad'), register('good')], applying(scheduler, apply)).pipe(
      summary,
    );
    expectObservable(reports$).toBe('(ab|)', { a: 'failed register bad', b: 'applied register good' });
  });
});

test('restored and conflict end the service turn, with their error reported', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const apply = () =>
      cold('(x|)', { x: E.right({ type: 'restored' as const, error: awsError('Throttling', true) }) });
    const reports$ = applyByService$([register('a'), deregister('a')], applying(scheduler, apply)).pipe(
      map((r) => `${r.result} ${r.error?.code}`),
    );
    expectObservable(reports$).toBe('(a|)', { a: 'restored Throttling' });
  });
});

test('once stopped, the action in flight finishes and no other starts', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
    const stop$ = hot<StopRequest>('3ms s', { s: { deregister: false } }).pipe(shareReplay(1));
    const inFlight = cold('5ms (x|)', { x: applied });
    const reports$ = applyByService$(
      [register('a'), deregister('a')],
      applying(scheduler, () => inFlight, { stop$ }),
    ).pipe(summary);
    expectObservable(reports$).toBe('5ms (a|)', { a: 'applied register a' });
    // one subscription, not abandoned at the stop: the second action never starts
    expectSubscriptions(inFlight.subscriptions).toBe(['^ 4ms !']);
  });
});

test('dry run reports every action without applying any, with durations of 0', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ expectObservable }) => {
    const apply = (): Observable<Either<Failure, ActionOutcome>> => {
      throw new Error('must not be called');
    };
    const reports$ = applyByService$(
      [register('a'), deregister('a')],
      applying(scheduler, apply, { dryRun: true }),
    ).pipe(summary);
    expectObservable(reports$).toBe('(ab|)', { a: 'dry-run register a', b: 'dry-run deregister a' });
  });
});
