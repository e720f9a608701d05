import type { SimCluster } from '../src/sim-cluster/sim-cluster.js';
import { createSimCluster } from '../src/sim-cluster/sim-cluster.js';
import { benchWorld } from './lib/bench-world.js';
import type { Table } from './lib/table.js';

/** The reads of a resync, in the order the table shows them, as the sim counts them. */
const READS = [
  's3:GetObject',
  'ecs:ListTasks',
  'ecs:DescribeTasks',
  'ecs:DescribeContainerInstances',
  'elb:DescribeLoadBalancers',
] as const;

export interface CallsCase {
  readonly services: number;
  readonly hosts: number;
  readonly change: boolean;
  /** Reconciles of all agents over the window. */
  readonly reconciles: number;
  /** AWS calls (ECS, ELB, S3) by `service:Operation`, all agents, over the window. */
  readonly calls: Readonly<Record<string, number>>;
  readonly introspectionPolls: number;
}

const STEADY_WINDOW_MS = 100_000;
const CHANGE_WINDOW_MS = 60_000;

const awsCalls = (cluster: SimCluster): Record<string, number> =>
  Object.fromEntries(
    Object.entries(cluster.calls().byOperation).filter(([key]) => /^(ecs|elb|s3):/.test(key)),
  );

/**
 * One cluster size: converge, then count every AWS call for 100 s with nothing changing (steady), then
 * for 60 s around a rolling deploy of one service (change). Calls are divided by the reconciles that made
 * them, so the figure is per agent and per reconcile.
 */
export const measureCalls = async (services: number, hosts: number): Promise<CallsCase[]> => {
  const cluster = await createSimCluster({
    world: benchWorld({ services, hosts }),
    time: 'virtual',
  });
  let reconciles = 0;
  cluster.events$.subscribe(({ event }) => {
    if (event.type === 'reconcile') reconciles += 1;
  });
  const converged = await cluster.runUntil(() => cluster.allInSync(), { timeoutMs: 300_000 });
  if (!converged) throw new Error(`${services} services on ${hosts} hosts did not converge in 5 min`);
  await cluster.advance(30_000);

  const window = async (change: boolean, ms: number): Promise<CallsCase> => {
    cluster.world.resetCalls();
    reconciles = 0;
    if (change) cluster.world.deploy('svc-0');
    await cluster.advance(ms);
    return {
      services,
      hosts,
      change,
      reconciles,
      calls: awsCalls(cluster),
      introspectionPolls: cluster.calls().byOperation['agent:AgentTasks'] ?? 0,
    };
  };
  const steady = await window(false, STEADY_WINDOW_MS);
  const change = await window(true, CHANGE_WINDOW_MS);
  await cluster.stop();
  return [steady, change];
};

const perReconcile = (calls: number, reconciles: number): number =>
  reconciles === 0 ? 0 : calls / reconciles;

export const callsTable = (cases: readonly CallsCase[], machine: string): Table => ({
  title: 'AWS calls per reconcile, by operation (per agent)',
  columns: [
    'services',
    'hosts',
    'case',
    'reconciles',
    'GetObject',
    'ListTasks',
    'DescribeTasks',
    'DescribeContainerInstances',
    'DescribeLoadBalancers',
    'ELB writes',
    'total',
    'ELB writes in window',
    'Go tool (3 + 2 per service)',
    'goal ≤ 6',
  ],
  rows: cases.map((c) => {
    const total = Object.values(c.calls).reduce((a, b) => a + b, 0);
    const reads = READS.map((op) => perReconcile(c.calls[op] ?? 0, c.reconciles));
    const writeCount = Object.entries(c.calls)
      .filter(([op]) => op.startsWith('elb:') && op !== 'elb:DescribeLoadBalancers')
      .reduce((a, [, n]) => a + n, 0);
    const writes = perReconcile(writeCount, c.reconciles);
    const perAgent = perReconcile(total, c.reconciles);
    return [
      c.services,
      c.hosts,
      c.change ? 'deploy of 1 service' : 'steady',
      c.reconciles,
      ...reads,
      writes,
      perAgent,
      writeCount,
      3 + 2 * c.services,
      c.change ? '-' : perAgent <= 6 ? 'met' : `missed by ${(perAgent - 6).toFixed(2)}`,
    ];
  }),
  notes: [
    'Measured: calls the sim received (its call counters; faulted calls count too), divided by the reconciles of all agents (one agent per host) in the window.',
    `Steady: ${STEADY_WINDOW_MS / 1000} s of virtual time with nothing changing, sleepTimeSeconds 10, after convergence. Change: ${CHANGE_WINDOW_MS / 1000} s from a rolling deploy of one service; its reconciles include those the local watch triggers.`,
    'The local watch polls the ECS agent introspection API (not AWS; not in the figures) once a second per host.',
    'The Go tool column is Statika 0.1 by its code: 3 calls plus 2 per configured service each resync.',
    machine,
    'Rerun: `pnpm bench` (all tables) or `pnpm --filter @statika/agent bench -- --only calls`.',
  ],
});
