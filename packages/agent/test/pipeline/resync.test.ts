import test from 'ava';
import { take } from 'rxjs';
import { jitteredInterval, resync$ } from '../../src/pipeline/resync.js';
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
