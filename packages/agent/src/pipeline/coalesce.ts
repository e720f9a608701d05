import { Observable, type OperatorFunction, Subscription } from 'rxjs';

/**
 * Runs `run` for a trigger, one run at a time. Triggers that arrive during a run coalesce into at most
 * one more run: a level-based reconcile reads the whole state anyway, so ten ticks during a slow
 * reconcile are worth one more, not ten. `combine` says which trigger the coalesced run is for (by
 * default the latest). When the triggers complete, the run in flight finishes, the coalesced one is
 * dropped, and the output completes.
 */
export const coalesce =
  <T, R>(
    run: (trigger: T) => Observable<R>,
    combine: (pending: T, next: T) => T = (_, next) => next,
  ): OperatorFunction<T, R> =>
  (trigger$) =>
    new Observable<R>((subscriber) => {
      const runs = new Subscription();
      let busy = false;
      let pending: { readonly trigger: T } | undefined;
      let triggersDone = false;

      const start = (trigger: T): void => {
        busy = true;
        const running = run(trigger).subscribe({
          next: (value) => subscriber.next(value),
          error: (err: unknown) => subscriber.error(err),
          complete: () => {
            busy = false;
            const next = pending;
            pending = undefined;
            if (triggersDone) subscriber.complete();
            else if (next !== undefined) start(next.trigger);
          },
        });
        runs.add(running);
      };

      const triggers = trigger$.subscribe({
        next: (trigger) => {
          if (busy)
            pending = { trigger: pending === undefined ? trigger : combine(pending.trigger, trigger) };
          else start(trigger);
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => {
          triggersDone = true;
          if (!busy) subscriber.complete();
        },
      });

      return () => {
        triggers.unsubscribe();
        runs.unsubscribe();
      };
    });
