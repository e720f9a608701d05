import type { Failure } from '@statika/aws';
import type { ForwardingRule } from '@statika/core';
import test from 'ava';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';
import { map } from 'rxjs';
import { forwardStep } from '../../src/pipeline/forward-step.js';
import type { PipelineDependencies } from '../../src/pipeline/pipeline-dependencies.js';
import type { StopRequest } from '../../src/pipeline/stop-request.js';
import { awsError, fakePorts, fakeWorld, testDependencies } from './fixtures.js';
import { testScheduler } from './marbles.js';
import { line, planned, readyState } from './stage-fixtures.js';

type Answer = Either<Failure, void>;

const before: ForwardingRule[] = [{ nodePort: 30080, hostPort: 32768 }];
const after: ForwardingRule[] = [{ nodePort: 30080, hostPort: 32769 }];

/** A reconcile whose plan swaps this host's rule from 32768 to 32769. */
const swapping = readyState('local-change', [
  planned({ actions: [], services: [], forwarding: { type: 'replace', before, after } }),
]);

const forwarding = (
  replace: () => ReturnType<NonNullable<PipelineDependencies['ports']['forwarding']>['replace']>,
) => ({ ...fakePorts(fakeWorld()), forwarding: { read: () => [] as never, replace } });

test('swaps the rules when the plan wants other ones', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const answer = cold<Answer>('10ms (a|)', { a: E.right(undefined) });
    const deps = testDependencies(
      forwarding(() => answer),
      scheduler,
    );
    expectObservable(forwardStep(swapping, deps).pipe(map(line))).toBe('10ms (a|)', {
      a: 'applied forwarding 30080->32769',
    });
  });
});

test('a failed swap is a value; a dry run swaps nothing', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
    const failing = cold<Answer>('(a|)', { a: E.left(awsError('NftFailed', true)) });
    expectObservable(
      forwardStep(
        swapping,
        testDependencies(
          forwarding(() => failing),
          scheduler,
        ),
      ).pipe(map(line)),
    ).toBe('(a|)', { a: 'failed forwarding 30080->32769' });
    const untouched = cold<Answer>('(a|)', { a: E.right(undefined) });
    expectObservable(
      forwardStep(
        swapping,
        testDependencies(
          forwarding(() => untouched),
          scheduler,
          { dryRun: true },
        ),
      ).pipe(map(line)),
    ).toBe('(a|)', { a: 'dry-run forwarding 30080->32769' });
    expectSubscriptions(untouched.subscriptions).toBe([]);
  });
});

test('the stop leaves a swap in flight alone, as it does an action (teardown when it ends)', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
    const answer = cold<Answer>('10ms (a|)', { a: E.right(undefined) });
    const stop$ = hot<StopRequest>('5ms s', { s: { deregister: false } });
    const deps = testDependencies(
      forwarding(() => answer),
      scheduler,
      { stop$ },
    );
    expectObservable(forwardStep(swapping, deps).pipe(map(line))).toBe('10ms (a|)', {
      a: 'applied forwarding 30080->32769',
    });
    expectSubscriptions(answer.subscriptions).toBe('^ 9ms !');
  });
});
