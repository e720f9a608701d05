import test from 'ava';
import { type Failure, failure, journalFailed, unexpected } from '../src/failure.js';
import {
  CALL_RETRY,
  CREATE_LISTENERS_RETRY,
  callRetryDelayMs,
  callRetryOf,
  isRetryable,
  jitteredDelayMs,
} from '../src/retry-policy.js';

const where = { service: 'elb', operation: 'Test', resource: 'web-lb', code: 'X', message: 'x' } as const;
const of = (type: Parameters<typeof failure>[0]): Failure => failure(type, where);

test('retries what can pass: throttling, no answer, an unwritten journal, a thrown bug', (t) => {
  t.true(isRetryable(of('throttled')));
  t.true(isRetryable(of('transient')));
  t.true(isRetryable(journalFailed('web-lb', new Error('disk full'))));
  t.true(isRetryable(unexpected(where, new Error('bug'))));
});

test('never retries what needs something else to change first', (t) => {
  for (const type of ['not-found', 'conflict', 'denied', 'invalid', 'terminal'] as const) {
    t.false(isRetryable(of(type)), type);
  }
});

test('the jittered wait is uniform under a bound that doubles up to its cap', (t) => {
  const policy = { initialMs: 1000, maxMs: 5000 };
  t.deepEqual(
    [1, 2, 3, 4].map((attempt) => jitteredDelayMs(policy, attempt, () => 0.999)),
    [999, 1998, 3996, 4995],
  );
  t.is(
    jitteredDelayMs(policy, 3, () => 0),
    0,
  );
});

test('a call is retried while it has attempts left and its failure can pass', (t) => {
  t.is(callRetryOf('DescribeLoadBalancers'), CALL_RETRY);
  t.is(callRetryOf('CreateLoadBalancerListeners'), CREATE_LISTENERS_RETRY);
  t.is(
    callRetryDelayMs(CALL_RETRY, of('throttled'), 1, () => 0.5),
    250,
  );
  t.is(
    callRetryDelayMs(CALL_RETRY, of('throttled'), 2, () => 0.5),
    undefined,
  );
  t.is(
    callRetryDelayMs(CALL_RETRY, of('invalid'), 1, () => 0.5),
    undefined,
  );
  t.is(
    callRetryDelayMs(CREATE_LISTENERS_RETRY, of('transient'), 5, () => 0.5),
    400,
  );
  t.is(
    callRetryDelayMs(CREATE_LISTENERS_RETRY, of('transient'), 6, () => 0.5),
    undefined,
  );
});
