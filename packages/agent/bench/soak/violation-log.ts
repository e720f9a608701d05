import type { Violation } from './invariants.js';

/** A violation with where it was found and the events that led to it (those since the previous check). */
export interface SoakViolation extends Violation {
  readonly quietPeriod: number;
  readonly at: number;
  readonly events: readonly string[];
}

/** Where a quiet period's violations are found. */
export interface CheckedAt {
  readonly quietPeriod: number;
  readonly at: number;
  readonly events: readonly string[];
}

/**
 * The violations of a soak. One that persists (a listener's lost policies) is reported in the period
 * where it appears, and only counted as repeated in the periods after.
 */
export interface ViolationLog {
  report(found: readonly Violation[], where: CheckedAt): void;
  /** Closes a quiet period: what it found is what the next one repeats. */
  endPeriod(): void;
  readonly violations: readonly SoakViolation[];
  repeated(): number;
}

export const createViolationLog = (log: (line: string) => void): ViolationLog => {
  const violations: SoakViolation[] = [];
  let reportedBefore = new Set<string>();
  let reportedNow = new Set<string>();
  let repeated = 0;
  return {
    report: (found, where) => {
      for (const v of found) {
        const key = `${v.invariant} ${v.subject} ${v.message}`;
        reportedNow.add(key);
        if (reportedBefore.has(key)) {
          repeated += 1;
          continue;
        }
        violations.push({ ...v, ...where });
        // Said as found too: a long run stopped early still tells what broke (the report lists it with its events).
        log(`violation in quiet period ${where.quietPeriod}: [${v.invariant}] ${v.subject}: ${v.message}`);
      }
    },
    endPeriod: () => {
      reportedBefore = reportedNow;
      reportedNow = new Set();
    },
    violations,
    repeated: () => repeated,
  };
};
