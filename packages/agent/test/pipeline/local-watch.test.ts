import type { ContainerEvent, Failure, LocalTask } from '@statika/aws';
import test from 'ava';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';
import { defer, type Observable, of, throwError } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { type LocalEvents, localChange$, localFingerprint } from '../../src/pipeline/local-watch.js';
import type { PipelineDependencies } from '../../src/pipeline/pipeline-dependencies.js';
import { awsError, fakePorts, fakeWorld, testDependencies } from './fixtures.js';
import { testScheduler } from './marbles.js';

const task = (family: string, hostPort: number | undefined, knownStatus = 'RUNNING'): LocalTask => ({
  arn: `arn:task/${family}`,
  family,
  desiredStatus: 'RUNNING',
  knownStatus,
  containers: [
    {
      name: 'app',
      ports: [{ containerPort: 8080, ...(hostPort === undefined ? {} : { hostPort }), protocol: 'tcp' }],
    },
  ],
});

type Answer = Either<Failure, readonly LocalTask[]> | 'throw';

/** A localTasks port answering, poll after poll, the given answers (the last one repeats). */
const polls = (answers: readonly Answer[]): (() => Observable<Either<Failure, readonly LocalTask[]>>) => {
  let i = 0;
  return () => {
    const answer = answers[Math.min(i++, answers.length - 1)]!;
    return answer === 'throw' ? throwError(() => new Error('connection refused')) : of(answer);
  };
};

const web = new Set(['web']);

/** The watch's dependencies: these local tasks, a poll every 100 ms, and container events if given. */
const watching = (
  scheduler: TestScheduler,
  localTasks: () => Observable<Either<Failure, readonly LocalTask[]>>,
  localEvents?: LocalEvents,
): PipelineDependencies =>
  testDependencies({ ...fakePorts(fakeWorld()), localTasks }, scheduler, {
    localWatchIntervalMs: 100,
    ...(localEvents === undefined ? {} : { localEvents }),
  });

test('the first answer is the baseline; a change of a watched task triggers at the poll that sees it', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const localTasks = polls([
      E.right([task('web', undefined, 'PENDING')]),
      E.right([task('web', undefined, 'PENDING')]),
      E.right([task('web', 32768)]),
    ]);
    const changes$ = localChange$(cold('a', { a: web }), watching(scheduler, localTasks));
    expectObservable(changes$, '^ 450ms !').toBe('300ms a', { a: 300 });
  });
});

test('changes of tasks of other families do not trigger', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const localTasks = polls([
      E.right([task('web', 1)]),
      E.right([task('web', 1), task('other', 2)]),
      E.right([task('web', 1), task('other', 3)]),
    ]);
    const changes$ = localChange$(cold('a', { a: web }), watching(scheduler, localTasks));
    expectObservable(changes$, '^ 450ms !').toBe('');
  });
});

test('errors of the introspection API are dropped quietly and the watch goes on', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const localTasks = polls([
      E.right([task('web', 1)]),
      'throw',
      E.left(awsError('Network', true)),
      E.right([task('web', 2)]),
    ]);
    const changes$ = localChange$(cold('a', { a: web }), watching(scheduler, localTasks));
    expectObservable(changes$, '^ 450ms !').toBe('400ms a', { a: 400 });
  });
});

test('a new set of families starts a new baseline instead of triggering', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
    const families$ = hot('a 249ms b', { a: web, b: new Set(['web', 'api']) });
    const localTasks = polls([E.right([task('web', 1), task('api', 2)])]);
    const changes$ = localChange$(families$, watching(scheduler, localTasks));
    expectObservable(changes$, '^ 600ms !').toBe('');
    expectSubscriptions(families$.subscriptions).toBe('^ 600ms !');
  });
});

test('the fingerprint ignores order and other families but sees status and host port', (t) => {
  const a = [task('web', 1), task('api', 2)];
  t.is(localFingerprint(a, web), localFingerprint([...a].reverse(), web));
  t.is(localFingerprint(a, web), localFingerprint([task('web', 1), task('api', 3)], web));
  t.not(localFingerprint(a, web), localFingerprint([task('web', 5), task('api', 2)], web));
  t.not(localFingerprint(a, web), localFingerprint([task('web', 1, 'STOPPED'), task('api', 2)], web));
});

test('the same list answered again is not fingerprinted again', (t) => {
  const scheduler = testScheduler(t);
  /** Counts the family lookups: one per task each time a list is fingerprinted. */
  class CountingSet extends Set<string> {
    lookups = 0;
    override has(family: string): boolean {
      this.lookups += 1;
      return super.has(family);
    }
  }
  const families = new CountingSet(['web']);
  const tasks = [task('web', 1), task('other', 2)];
  scheduler.run(({ cold, expectObservable }) => {
    const localTasks = polls([E.right(tasks), E.right([...tasks])]);
    const changes$ = localChange$(cold('a', { a: families }), watching(scheduler, localTasks));
    expectObservable(changes$, '^ 550ms !').toBe('');
  });
  // The first list, then a new list with the same tasks (fingerprinted, no change), then that same list
  // three times (not fingerprinted).
  t.is(families.lookups, 4);
});

const connected: ContainerEvent = { type: 'connected' };
const changed = (family: string): ContainerEvent => ({ type: 'changed', family, action: 'start' });

/** Like `polls`, and records the scheduler time of every read. */
const timedPolls = (scheduler: TestScheduler, answers: readonly Answer[]) => {
  const times: number[] = [];
  const read = polls(answers);
  const localTasks = () => {
    times.push(scheduler.now());
    return read();
  };
  return { times, localTasks };
};

test('with a connected event stream a quiet host is read once; a watched change reads at once, then for the burst', (t) => {
  const scheduler = testScheduler(t);
  const reads = timedPolls(scheduler, [
    E.right([task('web', undefined, 'PENDING')]),
    E.right([task('web', undefined, 'PENDING')]),
    E.right([task('web', 32768)]),
  ]);
  scheduler.run(({ cold, expectObservable }) => {
    const events$ = cold<ContainerEvent>('c 299ms w', { c: connected, w: changed('web') });
    const changes$ = localChange$(
      cold('a', { a: web }),
      watching(scheduler, reads.localTasks, { events$, burstMs: 250, reconnectMs: 1000 }),
    );
    expectObservable(changes$, '^ 1000ms !').toBe('400ms a', { a: 400 });
  });
  t.deepEqual(reads.times, [0, 300, 400, 500]);
});

test("a change of another family's container reads nothing", (t) => {
  const scheduler = testScheduler(t);
  const reads = timedPolls(scheduler, [E.right([task('web', 1)])]);
  scheduler.run(({ cold, expectObservable }) => {
    const events$ = cold<ContainerEvent>('c 99ms o', { c: connected, o: changed('other') });
    const changes$ = localChange$(
      cold('a', { a: web }),
      watching(scheduler, reads.localTasks, { events$, burstMs: 250, reconnectMs: 1000 }),
    );
    expectObservable(changes$, '^ 1000ms !').toBe('');
  });
  t.deepEqual(reads.times, [0]);
});

test('when the event stream ends the watch polls, until it reconnects', (t) => {
  const scheduler = testScheduler(t);
  const reads = timedPolls(scheduler, [
    E.right([task('web', 1)]),
    E.right([task('web', 1)]),
    E.right([task('web', 2)]),
  ]);
  scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
    const streams = [
      cold<ContainerEvent>('c 99ms #', { c: connected }),
      cold<ContainerEvent>('c', { c: connected }),
    ];
    let connections = 0;
    const events$ = defer(() => streams[Math.min(connections++, streams.length - 1)]!);
    const changes$ = localChange$(
      cold('a', { a: web }),
      watching(scheduler, reads.localTasks, { events$, burstMs: 250, reconnectMs: 250 }),
    );
    expectObservable(changes$, '^ 1000ms !').toBe('300ms a', { a: 300 });
    expectSubscriptions(streams[0]!.subscriptions).toBe('^ 99ms !');
    expectSubscriptions(streams[1]!.subscriptions).toBe('350ms ^ 650ms !');
  });
  t.deepEqual(reads.times, [0, 200, 300, 350]);
});
