import type { Failure } from '@statika/aws';
import type { Observation } from '@statika/core';
import test from 'ava';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';
import { map } from 'rxjs';
import { observe } from '../../src/pipeline/observe.js';
import type { StopRequest } from '../../src/pipeline/stop-request.js';
import { awsError, fakePorts, fakeWorld, staleObservation, testDependencies } from './fixtures.js';
import { testScheduler } from './marbles.js';
import { backingOffUntil, line, readyState } from './stage-fixtures.js';

type Answer = Either<Failure, Observation>;
const stop = { s: { deregister: false } satisfies StopRequest };

test('reports the observation and clears the backoff it was under', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
    const answer = cold<Answer>('10ms (a|)', { a: E.right(staleObservation()) });
    const deps = testDependencies({ ...fakePorts(fakeWorld()), observe: () => answer }, scheduler);
    const state = readyState('resync', [backingOffUntil('observe', 60_000)]);
    expectObservable(observe(state, deps).pipe(map(line))).toBe('10ms (ab|)', {
      a: 'observed',
      b: 'backoff observe reset',
    });
    expectSubscriptions(answer.subscriptions).toBe('^ 9ms !');
  });
});

test('a failed read is a value: retryable, it backs off; terminal, it waits for the resync', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const failing = (error: Failure) =>
      testDependencies(
        { ...fakePorts(fakeWorld()), observe: () => cold<Answer>('(a|)', { a: E.left(error) }) },
        scheduler,
      );
    expectObservable(
      observe(readyState('resync'), failing(awsError('Throttling', true))).pipe(map(line)),
    ).toBe('(ab|)', { a: 'observe failed Throttling', b: 'backoff observe until 500' });
    expectObservable(
      observe(readyState('resync'), failing(awsError('AccessDenied', false))).pipe(map(line)),
    ).toBe('(a|)', { a: 'observe failed AccessDenied' });
  });
});

test('a retry or a local change does not read while the observation backs off; a resync does', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
    const answer = cold<Answer>('(a|)', { a: E.right(staleObservation()) });
    const deps = testDependencies({ ...fakePorts(fakeWorld()), observe: () => answer }, scheduler);
    const backingOff = [backingOffUntil('observe', 60_000)];
    expectObservable(observe(readyState('retry', backingOff), deps)).toBe('|');
    expectObservable(observe(readyState('local-change', backingOff), deps)).toBe('|');
    expectSubscriptions(answer.subscriptions).toBe([]);
  });
});

test('the stop abandons the read in flight (teardown)', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
    const answer = cold<Answer>('10ms (a|)', { a: E.right(staleObservation()) });
    const stop$ = hot<StopRequest>('5ms s', stop);
    const deps = testDependencies({ ...fakePorts(fakeWorld()), observe: () => answer }, scheduler, { stop$ });
    expectObservable(observe(readyState('resync'), deps)).toBe('5ms |');
    expectSubscriptions(answer.subscriptions).toBe('^ 4ms !');
  });
});
