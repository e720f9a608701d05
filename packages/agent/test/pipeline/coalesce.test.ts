import test from 'ava';
import { map, type Observable, throwError, timer } from 'rxjs';
import { coalesce } from '../../src/pipeline/coalesce.js';
import { testScheduler } from './marbles.js';

/** A run that takes 10 frames and then reports which trigger it ran for. */
const slowRun = (trigger: string): Observable<string> => timer(10).pipe(map(() => trigger));

test('runs one at a time; triggers during a run coalesce into one more, for the latest', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ hot, expectObservable }) => {
    // triggers at 0, 3, 6 and 27; runs 0-10 (a), 10-20 (c), 27-37 (d)
    const triggers = hot('a 2ms b 2ms c 20ms d');
    expectObservable(triggers.pipe(coalesce(slowRun))).toBe('10ms a 9ms c 16ms d');
  });
});

test('a trigger with no run in flight starts one at once', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ hot, expectObservable }) => {
    const triggers = hot('a 19ms b');
    expectObservable(triggers.pipe(coalesce(slowRun))).toBe('10ms a 19ms b');
  });
});

test('when the triggers complete, the run in flight finishes, the coalesced one is dropped, then it completes', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
    const triggers = hot('a 2ms b 2ms |');
    expectObservable(triggers.pipe(coalesce(slowRun))).toBe('10ms (a|)');
    expectSubscriptions(triggers.subscriptions).toBe('^ 5ms !');
  });
});

test('completes at once when the triggers complete with no run in flight', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ hot, expectObservable }) => {
    const triggers = hot('a 19ms |');
    expectObservable(triggers.pipe(coalesce(slowRun))).toBe('10ms a 9ms |');
  });
});

test('unsubscribing tears down the triggers and the run in flight', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ hot, cold, expectObservable, expectSubscriptions }) => {
    const triggers = hot('a');
    const run = cold('----------x');
    expectObservable(triggers.pipe(coalesce(() => run)), '^ 4ms !').toBe('');
    expectSubscriptions(triggers.subscriptions).toBe('^ 4ms !');
    expectSubscriptions(run.subscriptions).toBe('^ 4ms !');
  });
});

test('runs that answer synchronously do not coalesce anything away', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ hot, cold, expectObservable }) => {
    const triggers = hot('a b c');
    expectObservable(triggers.pipe(coalesce((x) => cold('(x|)', { x })))).toBe('a b c');
  });
});

test('an error of a run reaches the output (runs are expected to turn errors into values)', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ hot, expectObservable }) => {
    const triggers = hot('a');
    expectObservable(triggers.pipe(coalesce(() => throwError(() => 'boom')))).toBe('#', undefined, 'boom');
  });
});

test('combine chooses the trigger the coalesced run is for', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ hot, expectObservable }) => {
    const triggers = hot('a 2ms B 2ms c');
    const upperWins = (pending: string, next: string) => (pending === pending.toUpperCase() ? pending : next);
    expectObservable(triggers.pipe(coalesce(slowRun, upperWins))).toBe('10ms a 9ms B');
  });
});
