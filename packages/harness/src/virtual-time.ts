import type { VirtualClock } from '@statika/sim';
import { VirtualTimeScheduler } from 'rxjs';

/**
 * One virtual time for the sim's clock and every agent's RxJS scheduler. Time moves only when told to,
 * and only when nothing is in flight: before each step the driver waits until I/O is idle (no tracked
 * call pending for a few turns of the event loop), then jumps to the next moment anything is due, runs
 * what is due there, and repeats. So a 30 s rolling deploy takes milliseconds, and runs the same way
 * every time.
 */
export interface VirtualTime {
  now(): number;
  /** A new scheduler on this time, for one agent; dropped with `release`. */
  scheduler(): VirtualTimeScheduler;
  release(scheduler: VirtualTimeScheduler): void;
  /**
   * Moves time to `target`, running everything due on the way. With `until`, stops at the first instant
   * after which it holds (time then stays there) and resolves true; false when `target` came first.
   */
  advanceTo(target: number, until?: () => boolean): Promise<boolean>;
  /** Waits until no I/O is pending. */
  idle(): Promise<void>;
}

export interface VirtualTimeOptions {
  readonly clock: VirtualClock;
  /** Work in flight outside the schedulers (AWS calls, journal writes); 0 when idle. */
  readonly pending: () => number;
  /**
   * Of that work, what does not wait for the virtual clock: everything but the calls the sim answers
   * after a latency on its clock. Time moves only when this is 0, so a slow machine never moves it
   * under work that only needed the CPU or the disk.
   */
  readonly busy: () => number;
}

/** Turns of the event loop with nothing pending (or nothing busy) before I/O counts as idle (stream and fs callbacks). */
const QUIET_TURNS = 3;
/** Real ms after which pending work that waits for nothing is a bug, not slowness. */
const STUCK_MS = 10_000;
/** A guard against a loop that keeps scheduling work at the same instant. */
const MAX_STEPS_AT_ONE_INSTANT = 10_000;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export const createVirtualTime = (options: VirtualTimeOptions): VirtualTime => {
  const { clock } = options;
  const schedulers = new Set<VirtualTimeScheduler>();

  /**
   * Idle: nothing pending for a few turns of the event loop, or nothing but calls waiting for the virtual
   * clock (a latency the sim adds) while something is due on it: time must come for those. Decided by
   * counts, never by real time, so runs are the same however loaded the machine is.
   */
  const idle = async (): Promise<void> => {
    const started = performance.now();
    let quiet = 0;
    let waiting = 0;
    for (;;) {
      await turn();
      const pending = options.pending();
      quiet = pending === 0 ? quiet + 1 : 0;
      if (quiet >= QUIET_TURNS) return;
      waiting = pending > 0 && options.busy() === 0 ? waiting + 1 : 0;
      if (waiting >= QUIET_TURNS && nextDue() !== undefined) return;
      if (performance.now() - started > STUCK_MS)
        throw new Error(`${pending} calls still pending after ${STUCK_MS} ms of real time`);
    }
  };

  /** The earliest moment anything is due: one pass over the schedulers, no allocation (called every step). */
  const nextDue = (): number | undefined => {
    let due = clock.nextTimerAt();
    for (const scheduler of schedulers) {
      const first = scheduler.actions[0];
      if (first !== undefined && (due === undefined || first.delay < due)) due = first.delay;
    }
    return due;
  };

  /**
   * Runs everything due at `t` on the sim's clock and on every scheduler, and leaves them all at `t`. A
   * scheduler with nothing due is not flushed (with hundreds of agents most have nothing due at a step),
   * but its time moves all the same: work scheduled later, from a resolved promise, must count its delay
   * from now.
   */
  const runAt = (t: number): void => {
    clock.advanceTo(t);
    for (const scheduler of schedulers) {
      const first = scheduler.actions[0];
      if (first !== undefined && first.delay <= t) {
        scheduler.maxFrames = t;
        scheduler.flush();
      }
      // flush leaves frame at the last action it ran.
      scheduler.frame = t;
    }
  };

  return {
    now: () => clock.now(),
    scheduler: () => {
      const scheduler = new VirtualTimeScheduler();
      scheduler.frame = clock.now();
      schedulers.add(scheduler);
      return scheduler;
    },
    release: (scheduler) => {
      schedulers.delete(scheduler);
    },
    idle,
    advanceTo: async (target, until) => {
      let steps = 0;
      let last = clock.now();
      for (;;) {
        await idle();
        if (until?.() === true) return true;
        const next = nextDue();
        if (next === undefined || next > target) break;
        const t = Math.max(next, clock.now());
        steps = t === last ? steps + 1 : 0;
        last = t;
        if (steps > MAX_STEPS_AT_ONE_INSTANT)
          throw new Error(`virtual time is stuck at ${new Date(t).toISOString()}`);
        runAt(t);
      }
      runAt(Math.max(target, clock.now()));
      await idle();
      return until?.() === true;
    },
  };
};
