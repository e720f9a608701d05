import type { Failure, Identity } from '@statika/aws';
import test from 'ava';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';
import { map } from 'rxjs';
import { resolveIdentity } from '../../src/pipeline/resolve-identity.js';
import type { StopRequest } from '../../src/pipeline/stop-request.js';
import { awsError, fakePorts, fakeWorld, identity, testDependencies } from './fixtures.js';
import { testScheduler } from './marbles.js';
import { filesLoaded, line, readyState, stateAfter, tick } from './stage-fixtures.js';

type Answer = Either<Failure, Identity>;

/** Both files in force, no identity yet. */
const unidentified = stateAfter([...filesLoaded(), tick('startup')]);

test('asks who this agent is in the configured cluster, once a spec is in force', (t) => {
  const scheduler = testScheduler(t);
  const clusters: string[] = [];
  scheduler.run(({ cold, expectObservable }) => {
    const answer = cold<Answer>('10ms (a|)', { a: E.right(identity) });
    const deps = testDependencies(
      {
        ...fakePorts(fakeWorld()),
        identity: (cluster) => {
          clusters.push(cluster);
          return answer;
        },
      },
      scheduler,
    );
    expectObservable(resolveIdentity(unidentified, deps).pipe(map(line))).toBe('10ms (a|)', {
      a: 'identity',
    });
  });
  t.deepEqual(clusters, ['c']);
});

test('any failure is a value and backs off; a known identity is not asked again', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
    const answer = cold<Answer>('(a|)', { a: E.left(awsError('NotFound', false)) });
    const deps = testDependencies({ ...fakePorts(fakeWorld()), identity: () => answer }, scheduler);
    expectObservable(resolveIdentity(unidentified, deps).pipe(map(line))).toBe('(ab|)', {
      a: 'identity failed NotFound',
      b: 'backoff identity until 500',
    });
    expectObservable(resolveIdentity(readyState('startup'), deps)).toBe('|');
    expectSubscriptions(answer.subscriptions).toBe(['(^!)']);
  });
});

test('the stop abandons the question in flight (teardown)', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
    const answer = cold<Answer>('10ms (a|)', { a: E.right(identity) });
    const stop$ = hot<StopRequest>('5ms s', { s: { deregister: false } });
    const deps = testDependencies({ ...fakePorts(fakeWorld()), identity: () => answer }, scheduler, {
      stop$,
    });
    expectObservable(resolveIdentity(unidentified, deps)).toBe('5ms |');
    expectSubscriptions(answer.subscriptions).toBe('^ 4ms !');
  });
});
