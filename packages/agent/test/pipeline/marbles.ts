import type { ExecutionContext } from 'ava';
import { TestScheduler } from 'rxjs/testing';

/** A TestScheduler whose assertions are ava's deep equality. */
export const testScheduler = (t: ExecutionContext): TestScheduler =>
  new TestScheduler((actual, expected) => {
    t.deepEqual(actual, expected);
  });
