import test from 'ava';
import { take } from 'rxjs';
import { jitteredInterval, resync$, spreadInterval } from '../../src/pipeline/resync.js';
import { testScheduler } from './marbles.js';

test('ticks every interval, emitting the scheduler time', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const ticks$ = resync$(cold('a', { a: 1000 }), { scheduler, random: () => 0.5 }).pipe(take(3));
    expectObservable(ticks$).toBe('1000ms a 999ms b 999ms (c|)', { a: 1000, b: 2000, c: 3000 });
  });
});

test('jitters each period within ±10 %, drawn again every period', (t) => {
  const draws = [0, 0.9999, 0.5];
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const ticks$ = resync$(cold('a', { a: 1000 }), { scheduler, random: () => draws.shift() ?? 0.5 }).pipe(
      take(3),
    );
    expectObservable(ticks$).toBe('900ms a 1099ms b 999ms (c|)', { a: 900, b: 2000, c: 3000 });
  });
});

test('jitter stays within 90 % and 110 % of the interval', (t) => {
  for (const r of [0, 0.25, 0.5, 0.75, 0.999999]) {
    const ms = jitteredInterval(30_000, () => r);
    t.true(ms >= 27_000 && ms <= 33_000, `${r} gave ${ms}`);
  }
});

test('follows a new interval from the moment it is loaded', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
    const interval$ = hot('a 2499ms b', { a: 1000, b: 500 });
    const ticks$ = resync$(interval$, { scheduler, random: () => 0.5 }).pipe(take(4));
    expectObservable(ticks$).toBe('1000ms a 999ms b 999ms c 499ms (d|)', {
      a: 1000,
      b: 2000,
      c: 3000,
      d: 3500,
    });
    expectSubscriptions(interval$.subscriptions).toBe('^ 3499ms !');
  });
});

test('an unchanged interval does not restart the period', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ hot, expectObservable }) => {
    const interval$ = hot('a 599ms a', { a: 1000 });
    const ticks$ = resync$(interval$, { scheduler, random: () => 0.5 }).pipe(take(2));
    expectObservable(ticks$).toBe('1000ms a 999ms (b|)', { a: 1000, b: 2000 });
  });
});

test('an interval that grows is spread: its first period is drawn from half to one and a half of it', (t) => {
  const draws = [0.5, 0.5, 0, 0.5];
  const scheduler = testScheduler(t);
  scheduler.run(({ hot, expectObservable }) => {
    const interval$ = hot('a 1499ms b', { a: 1000, b: 4000 });
    const ticks$ = resync$(interval$, { scheduler, random: () => draws.shift() ?? 0.5 }).pipe(take(3));
    // 1000 at 1000; at 1500 the interval grows to 4000: the first period draws 0 (half), then ±10 %.
    expectObservable(ticks$).toBe('1000ms a 2499ms b 3999ms (c|)', { a: 1000, b: 3500, c: 7500 });
  });
});

test('spread periods keep the mean: uniform over half to one and a half of the interval', (t) => {
  t.deepEqual(
    [0, 0.5, 0.999999].map((r) => spreadInterval(10_000, () => r)),
    [5000, 10_000, 15_000],
  );
});
