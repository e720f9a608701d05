import test from 'ava';
import { map, NEVER, of, shareReplay, throwError, timer } from 'rxjs';
import { reconcileRun$ } from '../../src/pipeline/reconcile-run.js';
import type { Stage } from '../../src/pipeline/stage.js';
import type { StopRequest } from '../../src/pipeline/stop-request.js';
import { fakePorts, fakeWorld, testDependencies } from './fixtures.js';
import { testScheduler } from './marbles.js';
import { backingOffUntil, line, stateAfter } from './stage-fixtures.js';

/**
 * `reconcileRun$`, the pipeline's one fold and one catch, on stages made for the test: each reports a
 * backoff, which the fold keeps in `state.backoffs`, so what a stage saw shows in what it reports.
 */

/** A stage that backs `key` off until one past the latest backoff it sees in the state, after `delayMs`. */
const counting =
  (key: 'files' | 'identity' | 'observe', delayMs = 0): Stage =>
  (state) => {
    const seen = Math.max(0, ...Object.values(state.backoffs).map((b) => b?.retryAt ?? 0));
    const progress = backingOffUntil(key, seen + 1);
    return delayMs === 0 ? of(progress) : timer(delayMs).pipe(map(() => progress));
  };

const start = stateAfter([]);

test('each stage sees the state folded from all progress before it, and every update carries that state', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ expectObservable }) => {
    const deps = testDependencies(fakePorts(fakeWorld()), scheduler);
    const stages = [counting('files', 5), counting('identity')];
    const run$ = reconcileRun$(start, 'resync', deps, stages);
    expectObservable(run$.pipe(map((u) => line(u.progress)))).toBe('a 4ms (bcd|)', {
      a: 'tick resync',
      b: 'backoff files until 1',
      c: 'backoff identity until 2',
      d: 'reconciled resync error',
    });
    expectObservable(run$.pipe(map((u) => Object.keys(u.state.backoffs).join(',')))).toBe('a 4ms (bcc|)', {
      a: '',
      b: 'files',
      c: 'files,identity',
    });
  });
});

test("an error of a stage's stream becomes 'unexpected', and the next stages and the settle still run", (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ expectObservable }) => {
    const deps = testDependencies(fakePorts(fakeWorld()), scheduler);
    const broken: Stage = () => throwError(() => new Error('a bug'));
    const throwing: Stage = () => {
      throw new Error('a bug before any stream');
    };
    const run$ = reconcileRun$(start, 'retry', deps, [broken, throwing, counting('observe')]);
    expectObservable(run$.pipe(map((u) => line(u.progress)))).toBe('(abcde|)', {
      a: 'tick retry',
      b: 'unexpected in broken',
      c: 'unexpected in throwing',
      d: 'backoff observe until 1',
      e: 'reconciled retry error',
    });
  });
});

test('once the stop is asked no further stage starts, and the settle still reports how the run ended', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
    const stop$ = hot<StopRequest>('3ms s', { s: { deregister: false } }).pipe(shareReplay(1));
    const deps = testDependencies(fakePorts(fakeWorld()), scheduler, { stop$ });
    const never = cold('a', { a: backingOffUntil('observe', 99) });
    const run$ = reconcileRun$(start, 'resync', deps, [counting('files', 5), () => never]);
    // the stage in flight at the stop is not cut short: a stage decides that for itself (reads do)
    expectObservable(run$.pipe(map((u) => line(u.progress)))).toBe('a 4ms (bc|)', {
      a: 'tick resync',
      b: 'backoff files until 1',
      c: 'reconciled resync error',
    });
    expectSubscriptions(never.subscriptions).toBe([]);
  });
});

test('unsubscribing ends the stage in flight (teardown)', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
    const deps = testDependencies(fakePorts(fakeWorld()), scheduler, { stop$: NEVER });
    const slow = cold<never>('10ms |');
    const run$ = reconcileRun$(start, 'resync', deps, [() => slow]);
    expectObservable(run$.pipe(map((u) => line(u.progress))), '^ 4ms !').toBe('a', { a: 'tick resync' });
    expectSubscriptions(slow.subscriptions).toBe('^ 4ms !');
  });
});
