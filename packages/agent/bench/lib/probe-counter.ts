/**
 * Failed probes of a probe that would run every `everyMs` (at whole multiples of it), counted from the
 * moments the probed state can change instead of by running it: the world reports every change that
 * affects a probe (listeners, instance health, task states) as an event, so between two events the answer
 * stays the same. Counting this way gives the same figure without waking virtual time every 100 ms.
 */
export interface ProbeCounter {
  /** The probe's answer right after a change at `now`. */
  update(now: number, up: boolean): void;
  /** Failed probes so far, up to (not including) `now`. */
  failures(now: number): number;
}

/** Multiples of `every` in [a, b). */
export const ticksBetween = (a: number, b: number, every: number): number =>
  b <= a ? 0 : Math.ceil(b / every) - Math.ceil(a / every);

export const createProbeCounter = (everyMs: number, start: number, up: boolean): ProbeCounter => {
  let downSince: number | undefined = up ? undefined : start;
  let counted = 0;
  return {
    update: (now, isUp) => {
      if (isUp && downSince !== undefined) {
        counted += ticksBetween(downSince, now, everyMs);
        downSince = undefined;
      } else if (!isUp && downSince === undefined) downSince = now;
    },
    failures: (now) => counted + (downSince === undefined ? 0 : ticksBetween(downSince, now, everyMs)),
  };
};
