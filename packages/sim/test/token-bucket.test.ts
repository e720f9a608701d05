import test from 'ava';
import { TokenBucket } from '../src/token-bucket.js';

test('a full bucket allows its burst at once, then throttles', (t) => {
  const bucket = new TokenBucket({ burst: 3, refillPerSecond: 1 }, 0);
  t.deepEqual(
    Array.from({ length: 4 }, () => bucket.take(0)),
    [true, true, true, false],
  );
});

test('tokens come back at the refill rate, fractions accruing, never above the burst', (t) => {
  const bucket = new TokenBucket({ burst: 2, refillPerSecond: 4 }, 0);
  bucket.take(0);
  bucket.take(0);
  t.false(bucket.take(100), 'a 0.4 token is not a token');
  t.true(bucket.take(250), 'one token after 250 ms at 4 a second');
  t.false(bucket.take(250));
  t.is(bucket.available(60_000), 2, 'a quiet minute refills to the burst, no more');
});

test('a throttled request takes nothing from the bucket', (t) => {
  const bucket = new TokenBucket({ burst: 1, refillPerSecond: 1 }, 0);
  t.true(bucket.take(0));
  for (let i = 0; i < 10; i++) t.false(bucket.take(500));
  t.true(bucket.take(1000), 'the refill is not spent by the refused requests');
});

test('time going backwards (two clocks read out of order) neither adds nor removes tokens', (t) => {
  const bucket = new TokenBucket({ burst: 1, refillPerSecond: 1 }, 1000);
  t.true(bucket.take(1000));
  t.false(bucket.take(500));
  t.true(bucket.take(2000));
});
