/**
 * How long `plan` takes for 10 to 10,000 services (two tasks each, on four hosts; one listener each),
 * planned from one host. Median of repeated runs after a warm-up. Goal: 10,000 services under 50 ms.
 * Rerun: `pnpm --filter @statika/core bench` (or `cd packages/core && npx tsx bench/plan.bench.ts`).
 */
import { cpus, platform, release } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  containerInstanceArn,
  instanceId,
  type LoadBalancer,
  loadBalancerName,
  type Observation,
  plan,
  type ServiceSpec,
  type Spec,
  type Task,
  taskArn,
} from '../src/index.js';

const NOW = 1_800_000_000_000;
const HOSTS = [0, 1, 2, 3].map((h) => ({
  instanceId: instanceId(`i-${h}`),
  containerInstanceArn: containerInstanceArn(`arn:aws:ecs:eu-west-1:1:container-instance/prod/${h}`),
}));

const task = (i: number, generation: number, hostPort: number, startedAt: number): Task => {
  const host = HOSTS[(i + generation) % HOSTS.length] ?? HOSTS[0]!;
  return {
    taskArn: taskArn(`arn:aws:ecs:eu-west-1:1:task/prod/${i}-${generation}`),
    family: `svc-${i}`,
    containerInstanceArn: host.containerInstanceArn,
    instanceId: host.instanceId,
    lastStatus: 'RUNNING',
    desiredStatus: 'RUNNING',
    healthStatus: 'HEALTHY',
    startedAt,
    containers: [{ name: 'app', networkBindings: [{ containerPort: 8080, hostPort, protocol: 'tcp' }] }],
  };
};

/** N services mid-deploy: an old task still targeted, a new ready one on the next host. */
const cluster = (n: number): { spec: Spec; observation: Observation } => {
  const services: ServiceSpec[] = [];
  const tasks: Task[] = [];
  const loadBalancers: LoadBalancer[] = [];
  for (let i = 0; i < n; i++) {
    services.push({
      serviceName: `svc-${i}`,
      family: `svc-${i}`,
      exposedContainerName: 'app',
      loadBalancerName: `lb-${i}`,
    } as ServiceSpec);
    tasks.push(task(i, 0, 32768, NOW - 3_600_000), task(i, 1, 32769, NOW - 60_000));
    loadBalancers.push({
      name: loadBalancerName(`lb-${i}`),
      listeners: [
        {
          protocol: 'HTTP',
          loadBalancerPort: 80,
          instanceProtocol: 'HTTP',
          instancePort: 32768,
          policyNames: [],
        },
      ],
      backendServers: [],
      healthCheck: {
        target: 'HTTP:32768/health',
        interval: 30,
        timeout: 5,
        unhealthyThreshold: 2,
        healthyThreshold: 3,
      },
      instances: [HOSTS[i % HOSTS.length]!.instanceId],
    });
  }
  const configuration = {
    cluster: 'prod',
    sleepTimeSeconds: 10,
    settleTimeSeconds: 5,
    taskSelection: 'newest-ready',
    deregisterOnExit: false,
  } as const;
  return {
    spec: { configuration, services },
    observation: { host: { ...HOSTS[0]!, status: 'ACTIVE' }, tasks, loadBalancers },
  };
};

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const measure = (n: number): { n: number; runs: number; median: number; actions: number } => {
  const { spec, observation } = cluster(n);
  const runs = Math.max(11, Math.min(201, Math.floor(200_000 / n)));
  for (let i = 0; i < Math.min(runs, 20); i++) plan(spec, observation, NOW); // warm up the JIT
  const times: number[] = [];
  let actions = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    actions = plan(spec, observation, NOW).actions.length;
    times.push(performance.now() - start);
  }
  return { n, runs, median: median(times), actions };
};

const results = [10, 100, 1_000, 10_000].map(measure);
console.log(
  `plan() benchmark: ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, ${platform()} ${release()}`,
);
console.log('two tasks a service on 4 hosts, one listener a service, planned from one host\n');
console.log('| services | runs | median ms | actions |');
console.log('|---:|---:|---:|---:|');
for (const r of results)
  console.log(`| ${r.n.toLocaleString('en')} | ${r.runs} | ${r.median.toFixed(3)} | ${r.actions} |`);
const largest = results[results.length - 1];
console.log(`\ngoal: 10,000 services under 50 ms: ${largest && largest.median < 50 ? 'met' : 'NOT met'}`);
console.log('rerun: pnpm --filter @statika/core bench');
