import test from 'ava';
import { shareReplay } from 'rxjs';
import { unlessStopped } from '../../src/pipeline/stop-request.js';
import { testScheduler } from './marbles.js';

test('the work runs when no stop was asked', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, hot, expectObservable }) => {
    const stop$ = hot('-s').pipe(shareReplay(1));
    expectObservable(unlessStopped(stop$, () => cold('5ms (w|)'))).toBe('5ms (w|)');
  });
});

test('a stop asked before replays at once: the other branch runs, the work never starts', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
    const stop$ = hot('-s').pipe(shareReplay(1));
    const work = cold('5ms (w|)');
    expectObservable(stop$).toBe('-s');
    expectObservable(
      unlessStopped(
        stop$,
        () => work,
        () => cold('(o|)'),
      ),
      '---^',
    ).toBe('---(o|)');
    expectSubscriptions(work.subscriptions).toBe([]);
  });
});

test('a stop asked while the work runs leaves it alone (teardown is the caller’s choice)', (t) => {
  const scheduler = testScheduler(t);
  scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
    const stop$ = hot('2ms s').pipe(shareReplay(1));
    const work = cold('5ms (w|)');
    expectObservable(unlessStopped(stop$, () => work)).toBe('5ms (w|)');
    expectSubscriptions(work.subscriptions).toBe('^ 4ms !');
  });
});
