/**
 * The sim's only source of time. The world never reads `Date.now()` itself: the demo and black-box tests
 * run on `realClock()`, world tests on a `VirtualClock` they advance by hand.
 */
export interface SimClock {
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): () => void;
}

/**
 * Wall-clock time. Its timers do not keep the process alive on their own (the sim's servers do), so a
 * forgotten world never hangs a test run; `world.close()` cancels them anyway.
 */
export const realClock = (): SimClock => ({
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, Math.max(0, ms));
    handle.unref();
    return () => clearTimeout(handle);
  },
});

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
}

/** Time that moves only when told to; due timers run in time order (ties in scheduling order). */
export class VirtualClock implements SimClock {
  private current: number;
  private timers: Timer[] = [];
  private seq = 0;

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const timer: Timer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Runs every timer due by `t` (including timers those timers schedule), then sets the time to `t`. */
  advanceTo(t: number): void {
    for (let next = this.popDue(t); next !== undefined; next = this.popDue(t)) {
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    this.current = Math.max(this.current, t);
  }

  nextTimerAt(): number | undefined {
    return this.earliest()?.at;
  }

  /** Number of timers waiting: lets a driver tell an idle world from a busy one. */
  pendingTimers(): number {
    return this.timers.length;
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers) {
      if (best === undefined || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq))
        best = timer;
    }
    return best;
  }

  private popDue(t: number): Timer | undefined {
    const next = this.earliest();
    if (next === undefined || next.at > t) return undefined;
    this.timers = this.timers.filter((timer) => timer !== next);
    return next;
  }
}
