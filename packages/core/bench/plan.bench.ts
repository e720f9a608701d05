/**
 * How long `plan` takes for 10 to 10,000 services (two tasks each, on four hosts; one listener each),
 * planned from one host. Median of repeated runs after a warm-up. Goal: 10,000 services under 50 ms.
 * Rerun: `pnpm --filter @statika/core bench` (or `cd packages/core && npx tsx bench/plan.bench.ts`).
 */
import { cpus, loadavg, platform, release } from 'node:os';
import { performance } from 'node:perf_hooks';
import { plan } from '../src/index.js';
import { cluster, NOW } from './bench-cluster.js';

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

interface Measure {
  readonly n: number;
  readonly runs: number;
  /** Wall-clock milliseconds, median and best. */
  readonly median: number;
  readonly best: number;
  /** CPU milliseconds the process spent (all its threads, GC included), median: what other processes cannot inflate. */
  readonly cpu: number;
  readonly actions: number;
}

const measure = (n: number): Measure => {
  const { spec, observation } = cluster(n);
  const runs = Math.max(41, Math.min(201, Math.floor(200_000 / n)));
  for (let i = 0; i < Math.min(runs, 20); i++) plan(spec, observation, NOW); // warm up the JIT
  const wall: number[] = [];
  const cpu: number[] = [];
  let actions = 0;
  for (let i = 0; i < runs; i++) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    actions = plan(spec, observation, NOW).actions.length;
    wall.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return { n, runs, median: median(wall), best: Math.min(...wall), cpu: median(cpu), actions };
};

const results = [10, 100, 1_000, 10_000].map(measure);
console.log(
  `plan() benchmark: ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, ${platform()} ${release()}`,
);
console.log('two tasks a service on 4 hosts, one listener a service, planned from one host\n');
console.log('| services | runs | median ms | best ms | median CPU ms | actions |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const cells = [
    r.n.toLocaleString('en'),
    r.runs,
    r.median.toFixed(3),
    r.best.toFixed(3),
    r.cpu.toFixed(3),
    r.actions,
  ];
  console.log(`| ${cells.join(' | ')} |`);
}
const largest = results[results.length - 1];
const load = loadavg().map((l) => l.toFixed(2));
console.log(
  `\nload average while measuring: ${load.join(' ')} (the machine is shared; ${cpus().length} CPUs)`,
);
console.log(
  `goal: 10,000 services under 50 ms: ${largest && largest.median < 50 ? 'met' : 'NOT met'} (median wall clock)`,
);
console.log('rerun: pnpm --filter @statika/core bench');
