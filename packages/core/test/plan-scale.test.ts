import test from 'ava';
import { cluster, NOW } from '../bench/bench-cluster.js';
import { plan } from '../src/index.js';

// Not a benchmark (`pnpm bench` is): a guard against a quadratic step, with a bound loose enough for a
// busy CI machine. 10,000 services take tens of milliseconds; a per-service scan of all tasks would take seconds.
test('plans 10,000 services (20,000 tasks) in well under a second', (t) => {
  const { spec, observation } = cluster(10_000);
  plan(spec, observation, NOW);
  const start = performance.now();
  const result = plan(spec, observation, NOW);
  const elapsed = performance.now() - start;
  t.is(result.services.length, 10_000);
  t.true(elapsed < 1000, `took ${elapsed.toFixed(0)} ms`);
});
