import { VirtualClock } from '@statika/sim';
import test from 'ava';
import { createIoTracker } from '../src/io-tracker.js';
import { createVirtualTime } from '../src/virtual-time.js';

const START = Date.parse('2026-01-01T00:00:00Z');

const setUp = () => {
  const clock = new VirtualClock(START);
  const tracker = createIoTracker();
  let onClock = 0;
  const time = createVirtualTime({
    clock,
    pending: () => tracker.pending(),
    busy: () => tracker.pending() - onClock,
  });
  /** Waits `ms` on the sim's clock, as a call the sim answers after a latency. */
  const clockWait = (ms: number): Promise<void> => {
    onClock += 1;
    return new Promise<void>((resolve) =>
      clock.setTimeout(() => {
        onClock -= 1;
        resolve();
      }, ms),
    );
  };
  return { clock, tracker, time, clockWait };
};

test("the schedulers and the sim's clock run what is due, in order, on one time", async (t) => {
  const { clock, time } = setUp();
  const scheduler = time.scheduler();
  const ran: string[] = [];
  scheduler.schedule(() => ran.push(`agent at ${scheduler.now() - START}`), 3000);
  clock.setTimeout(() => ran.push(`sim at ${clock.now() - START}`), 2000);
  t.false(await time.advanceTo(START + 2500));
  t.deepEqual(ran, ['sim at 2000']);
  t.is(time.now(), START + 2500);
  await time.advanceTo(START + 10_000);
  t.deepEqual(ran, ['sim at 2000', 'agent at 3000']);
});

test('with `until`, time stops at the first instant the predicate holds', async (t) => {
  const { time } = setUp();
  const scheduler = time.scheduler();
  let count = 0;
  scheduler.schedule(function (this: { schedule(state?: unknown, delay?: number): unknown }) {
    count += 1;
    this.schedule(undefined, 1000);
  }, 1000);
  t.true(await time.advanceTo(START + 60_000, () => count === 3));
  t.is(time.now(), START + 3000);
  t.false(await time.advanceTo(START + 4000, () => count === 10));
  t.is(count, 4);
});

/** I/O that takes `turns` turns of the event loop (a stream or fs callback chain), tracked or not. */
const io = (turns: number, done: () => void): Promise<void> =>
  turns === 0
    ? Promise.resolve(done())
    : new Promise<void>((resolve) => setImmediate(resolve)).then(() => io(turns - 1, done));

test('time does not move while tracked I/O is in flight: work due later sees it finished', async (t) => {
  const seen = async (tracked: boolean) => {
    const { tracker, time } = setUp();
    const scheduler = time.scheduler();
    let written = false;
    let sawWritten: boolean | undefined;
    scheduler.schedule(() => {
      const write = () =>
        io(10, () => {
          written = true;
        });
      void (tracked ? tracker.track(write) : write());
    }, 100);
    scheduler.schedule(() => {
      sawWritten = written;
    }, 101);
    await time.advanceTo(START + 1000);
    return sawWritten;
  };
  t.true(await seen(true));
  t.false(await seen(false), 'untracked, the I/O is not waited for');
});

test("I/O that waits for the sim's clock does not stall time: it counts as waiting for the clock", async (t) => {
  const { clock, tracker, time, clockWait } = setUp();
  let answeredAt: number | undefined;
  const call = tracker.track(() =>
    clockWait(300).then(() => {
      answeredAt = clock.now();
    }),
  );
  await time.advanceTo(START + 1000);
  await call;
  t.is(answeredAt, START + 300);
});

test('slow I/O that does not wait for the clock holds time back, however long it takes', async (t) => {
  // A loaded machine: a journal write that takes 80 ms of real time while an agent's timer is due.
  const { tracker, time } = setUp();
  const scheduler = time.scheduler();
  let written = false;
  let sawWritten: boolean | undefined;
  scheduler.schedule(() => {
    void tracker.track(
      () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            written = true;
            resolve();
          }, 80),
        ),
    );
  }, 100);
  scheduler.schedule(() => {
    sawWritten = written;
  }, 101);
  await time.advanceTo(START + 1000);
  t.true(sawWritten);
});

test('a released scheduler no longer runs', async (t) => {
  const { time } = setUp();
  const scheduler = time.scheduler();
  let ran = false;
  scheduler.schedule(() => {
    ran = true;
  }, 100);
  time.release(scheduler);
  await time.advanceTo(START + 1000);
  t.false(ran);
});
