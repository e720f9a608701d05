import type { Failure, FileRead } from '@statika/aws';
import test from 'ava';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';
import { map } from 'rxjs';
import { reloadFiles } from '../../src/pipeline/reload-files.js';
import type { StopRequest } from '../../src/pipeline/stop-request.js';
import {
  awsError,
  configurationText,
  fakePorts,
  fakeWorld,
  fileRead,
  servicesText,
  testDependencies,
} from './fixtures.js';
import { testScheduler } from './marbles.js';
import { line, readyState, stateAfter, tick } from './stage-fixtures.js';

type Answer = Either<Failure, FileRead>;

test('reads and decodes both files at the start of a resync', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const deps = testDependencies(
      {
        ...fakePorts(fakeWorld()),
        configuration: {
          url: 'configuration.json',
          read: () => cold('5ms (a|)', { a: fileRead(configurationText()) }),
        },
        services: { url: 'services.json', read: () => cold('10ms (a|)', { a: fileRead(servicesText) }) },
      },
      scheduler,
    );
    expectObservable(reloadFiles(stateAfter([tick('resync')]), deps).pipe(map(line))).toBe('10ms (ab|)', {
      a: 'file configuration loaded',
      b: 'file services loaded',
    });
  });
});

test('an invalid or unreadable file is a value; with no spec in force yet the reads back off', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const deps = testDependencies(
      {
        ...fakePorts(fakeWorld()),
        configuration: {
          url: 'configuration.json',
          read: () => cold<Answer>('(a|)', { a: E.left(awsError('AccessDenied', false)) }),
        },
        services: { url: 'services.json', read: () => cold('(a|)', { a: fileRead('not json') }) },
      },
      scheduler,
    );
    expectObservable(reloadFiles(stateAfter([tick('startup')]), deps).pipe(map(line))).toBe('(abc|)', {
      a: 'file configuration error',
      b: 'file services invalid',
      c: 'backoff files until 500',
    });
  });
});

test('a local change or a retry does not reload once a spec is in force', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
    const read = cold<Answer>('(a|)', { a: fileRead(servicesText) });
    const deps = testDependencies(
      {
        ...fakePorts(fakeWorld()),
        configuration: { url: 'configuration.json', read: () => read },
        services: { url: 'services.json', read: () => read },
      },
      scheduler,
    );
    expectObservable(reloadFiles(readyState('local-change'), deps)).toBe('|');
    expectObservable(reloadFiles(readyState('retry'), deps)).toBe('|');
    expectSubscriptions(read.subscriptions).toBe([]);
  });
});

test('the stop abandons the reads in flight (teardown)', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
    const read = cold<Answer>('10ms (a|)', { a: fileRead(configurationText()) });
    const stop$ = hot<StopRequest>('5ms s', { s: { deregister: false } });
    const deps = testDependencies(
      {
        ...fakePorts(fakeWorld()),
        configuration: { url: 'configuration.json', read: () => read },
        services: { url: 'services.json', read: () => read },
      },
      scheduler,
      { stop$ },
    );
    expectObservable(reloadFiles(stateAfter([tick('resync')]), deps)).toBe('5ms |');
    expectSubscriptions(read.subscriptions).toBe(['^ 4ms !', '^ 4ms !']);
  });
});
