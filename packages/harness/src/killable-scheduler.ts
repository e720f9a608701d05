import type { SchedulerAction, SchedulerLike, Subscription } from 'rxjs';

/** A scheduler that can be switched off for good, the way SIGKILL switches off a process. */
export interface KillableScheduler extends SchedulerLike {
  kill(): void;
}

/**
 * Delegates to `inner`; once killed, no work runs any more (scheduled or rescheduled), so every timer
 * and interval of the agent on it dies at once, with no teardown: what the agent would leave behind if
 * its process were killed.
 */
export const killableScheduler = (inner: SchedulerLike): KillableScheduler => {
  let killed = false;
  return {
    now: () => inner.now(),
    schedule<T>(
      work: (this: SchedulerAction<T>, state?: T) => void,
      delay?: number,
      state?: T,
    ): Subscription {
      return inner.schedule(
        function (this: SchedulerAction<T>, s?: T) {
          if (!killed) work.call(this, s);
        },
        delay,
        state,
      );
    },
    kill: () => {
      killed = true;
    },
  };
};
