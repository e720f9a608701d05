import test from 'ava';
import { VirtualClock } from '../src/clock.js';

test('runs due timers in time order, including timers scheduled by timers', (t) => {
  const clock = new VirtualClock(100);
  const log: string[] = [];
  clock.setTimeout(() => log.push(`b@${clock.now()}`), 20);
  clock.setTimeout(() => {
    log.push(`a@${clock.now()}`);
    clock.setTimeout(() => log.push(`c@${clock.now()}`), 5);
  }, 10);
  clock.setTimeout(() => log.push(`late@${clock.now()}`), 100);
  clock.advance(30);
  t.deepEqual(log, ['a@110', 'c@115', 'b@120']);
  t.is(clock.now(), 130);
  t.is(clock.nextTimerAt(), 200);
});

test('a cancelled timer never runs', (t) => {
  const clock = new VirtualClock();
  let ran = false;
  const cancel = clock.setTimeout(() => {
    ran = true;
  }, 10);
  cancel();
  clock.advanceTo(50);
  t.false(ran);
  t.is(clock.nextTimerAt(), undefined);
});

test('timers at the same instant run in the order they were scheduled', (t) => {
  const clock = new VirtualClock();
  const log: number[] = [];
  for (const n of [1, 2, 3]) clock.setTimeout(() => log.push(n), 10);
  clock.advance(10);
  t.deepEqual(log, [1, 2, 3]);
});
