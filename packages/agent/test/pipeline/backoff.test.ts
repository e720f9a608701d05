import test from 'ava';
import { isBackingOff, nextBackoff, pendingRetryAt } from '../../src/pipeline/backoff.js';

const policy = { initialMs: 1000, maxMs: 300_000 };

test('each failure doubles the bound, from 1 s up to 5 min', (t) => {
  const bounds: number[] = [];
  let backoff: ReturnType<typeof nextBackoff> | undefined;
  for (let i = 0; i < 12; i++) {
    backoff = nextBackoff(backoff, 0, () => 0.999_999_9, policy);
    bounds.push(Math.round(backoff.retryAt / 1000));
  }
  t.deepEqual(bounds, [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
});

test('full jitter: the wait is uniform between 0 and the bound, and never under 1 ms', (t) => {
  const third = nextBackoff(
    nextBackoff(
      nextBackoff(undefined, 0, () => 0, policy),
      0,
      () => 0,
      policy,
    ),
    10_000,
    () => 0.25,
    policy,
  );
  t.deepEqual(third, { attempt: 3, retryAt: 10_000 + 1000 });
  t.deepEqual(
    nextBackoff(undefined, 500, () => 0, policy),
    { attempt: 1, retryAt: 501 },
  );
});

test('backing off until retryAt, not at it', (t) => {
  const backoff = { attempt: 1, retryAt: 1000 };
  t.true(isBackingOff(backoff, 999));
  t.false(isBackingOff(backoff, 1000));
  t.false(isBackingOff(undefined, 0));
});

test('a retry is owed until a reconcile starts at or after it, however far it has fallen behind', (t) => {
  const backoffs = { files: { attempt: 1, retryAt: 1000 }, observe: { attempt: 2, retryAt: 3000 } };
  t.is(pendingRetryAt(backoffs, undefined), 1000);
  t.is(pendingRetryAt(backoffs, 999), 1000, 'fell due during the reconcile that started at 999: still owed');
  t.is(pendingRetryAt(backoffs, 1000), 3000, 'made by the reconcile that started at 1000');
  t.is(pendingRetryAt(backoffs, 2000), 3000, 'a retry already made never hides a later one');
  t.is(pendingRetryAt(backoffs, 3000), undefined, 'nothing owed: no loop on a backoff left in place');
  t.is(pendingRetryAt({}, 0), undefined);
});
