import test from 'ava';
import { VirtualTimeScheduler } from 'rxjs';
import { killableScheduler } from '../src/killable-scheduler.js';

test('work due before the kill runs; once killed, nothing scheduled runs, repeated work included', (t) => {
  const inner = new VirtualTimeScheduler();
  const scheduler = killableScheduler(inner);
  const ran: string[] = [];
  scheduler.schedule(() => ran.push('at 10'), 10);
  scheduler.schedule(function (this: { schedule(state?: unknown, delay?: number): unknown }) {
    ran.push(`tick at ${inner.now()}`);
    this.schedule(undefined, 20);
  }, 20);
  scheduler.schedule(() => ran.push('at 100'), 100);
  inner.maxFrames = 45;
  inner.flush();
  scheduler.kill();
  inner.maxFrames = Number.POSITIVE_INFINITY;
  inner.flush();
  t.deepEqual(ran, ['at 10', 'tick at 20', 'tick at 40']);
});

test("the time is the inner scheduler's", (t) => {
  const inner = new VirtualTimeScheduler();
  inner.frame = 1234;
  t.is(killableScheduler(inner).now(), 1234);
});
