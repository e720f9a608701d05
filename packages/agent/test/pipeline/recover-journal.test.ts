import type { Failure, LoadBalancersRead } from '@statika/aws';
import type { ReplaceListeners } from '@statika/core';
import test from 'ava';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';
import { map, of } from 'rxjs';
import type { Ports } from '../../src/pipeline/ports.js';
import { recoverJournal } from '../../src/pipeline/recover-journal.js';
import type { StopRequest } from '../../src/pipeline/stop-request.js';
import { awsError, type FakeWorld, fakePorts, fakeWorld, testDependencies } from './fixtures.js';
import { testScheduler } from './marbles.js';
import { line, stateAfter, tick } from './stage-fixtures.js';

type Read = Either<Failure, LoadBalancersRead>;

/** `web-lb` lost its HTTPS listener between the delete and the create. */
const journaled = (world: FakeWorld): ReplaceListeners => ({
  type: 'replaceListeners',
  serviceName: 'web',
  loadBalancerName: world.observation.loadBalancers[0]!.name,
  remove: [{ protocol: 'HTTPS', loadBalancerPort: 443, instancePort: 31000, policyNames: [] }],
  create: [{ protocol: 'HTTPS', loadBalancerPort: 443, instancePort: 32768, policyNames: [] }],
});

/** The fake AWS with a journal holding `entries`; `cleared` records what was cleared. */
const journal = (world: FakeWorld, entries: readonly ReplaceListeners[], cleared: string[]): Ports => ({
  ...fakePorts(world),
  journal: {
    entries: () => of(entries),
    clear: (entry) => {
      cleared.push(entry.loadBalancerName);
      return of(undefined);
    },
  },
});

/** At start-up, before any file is read: the recovery needs none. */
const starting = stateAfter([tick('startup')]);

test('creates what a load balancer lacks of a journaled replacement, then clears the entry', (t) => {
  const scheduler = testScheduler(t);
  const world = fakeWorld();
  const cleared: string[] = [];
  scheduler.run(({ expectObservable }) => {
    const deps = testDependencies(journal(world, [journaled(world)], cleared), scheduler);
    expectObservable(recoverJournal(starting, deps).pipe(map(line))).toBe('(a|)', {
      a: 'journal web-lb recovered',
    });
  });
  t.deepEqual(world.calls, ['describeLoadBalancers', 'replaceListeners web-lb']);
  t.deepEqual(cleared, ['web-lb']);
});

test('a failed read is a value: the entry stays, to be finished later', (t) => {
  const scheduler = testScheduler(t);
  const world = fakeWorld({ failObserve: () => awsError('Throttling', true) });
  const cleared: string[] = [];
  scheduler.run(({ expectObservable }) => {
    const deps = testDependencies(journal(world, [journaled(world)], cleared), scheduler);
    expectObservable(recoverJournal(starting, deps).pipe(map(line))).toBe('(a|)', {
      a: 'journal web-lb failed',
    });
  });
  t.deepEqual(cleared, []);
});

test('a dry run recovers nothing', (t) => {
  const scheduler = testScheduler(t);
  const world = fakeWorld();
  scheduler.run(({ expectObservable }) => {
    const deps = testDependencies(journal(world, [journaled(world)], []), scheduler, { dryRun: true });
    expectObservable(recoverJournal(starting, deps)).toBe('|');
  });
  t.deepEqual(world.calls, []);
});

test('the stop abandons the read in flight; nothing is applied (teardown)', (t) => {
  const scheduler = testScheduler(t);
  const world = fakeWorld();
  scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
    const read = cold<Read>('10ms (a|)', {
      a: E.right({ loadBalancers: world.observation.loadBalancers, missing: [] }),
    });
    const stop$ = hot<StopRequest>('5ms s', { s: { deregister: false } });
    const ports = { ...journal(world, [journaled(world)], []), loadBalancers: () => read };
    expectObservable(recoverJournal(starting, testDependencies(ports, scheduler, { stop$ }))).toBe('5ms |');
    expectSubscriptions(read.subscriptions).toBe('^ 4ms !');
  });
  t.deepEqual(world.calls, []);
});
