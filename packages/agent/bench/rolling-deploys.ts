import type { TaskSelection } from '@statika/core';
import type { CallCounts, SimEvent } from '@statika/sim';
import { createClusterHarness } from '../src/harness/cluster-harness.js';
import { benchWorld } from './lib/bench-world.js';
import { createProbeCounter, ticksBetween } from './lib/probe-counter.js';
import { maximum, median, show, sum } from './lib/stats.js';
import type { Table } from './lib/table.js';

export interface DeployConfiguration {
  /** `listener`: the listener follows the serving task; `node-port`: every host forwards a node port (rule 8). */
  readonly mode: 'listener' | 'node-port';
  /** One task on each host, an agent on each. */
  readonly hosts: 1 | 2 | 3;
  readonly sleepTimeSeconds: number;
  readonly localWatch: boolean;
  readonly taskSelection: TaskSelection;
}

export interface DeployResult extends DeployConfiguration {
  /** Per deploy: ms from the new task being ready (RUNNING and HEALTHY) to the listener on its port; undefined if it never moved. */
  readonly cutOverMs: readonly (number | undefined)[];
  /** Per deploy: probes (every 100 ms) that failed, all of them. */
  readonly failedProbes: readonly number[];
  /** Per deploy: of those, the ones between a listener's delete and its create (the replacement itself). */
  readonly replacementProbes: readonly number[];
  /** Per deploy: listener replacements (a deploy needs one). */
  readonly moves: readonly number[];
  /** Per deploy: ELB calls by the agents, reads (Describe*) and changes. */
  readonly elbReads: readonly number[];
  readonly elbChanges: readonly number[];
  readonly wallMs: number;
}

const PROBE_EVERY_MS = 100;
/**
 * The listener create answers after this long (virtual time), so that a replacement leaves a gap between
 * its delete and its create as it does on AWS. Other calls answer at once: each latency costs the
 * virtual-time driver some real milliseconds, and only this one opens a window without a listener.
 */
const CREATE_LATENCY_MS = 100;
const DEPLOY_TIMEOUT_MS = 180_000;
/** Virtual "never": the local watch is off when its poll never comes. */
const NEVER_MS = 1e12;
/** The app: 2 s to start, healthy 3 s after, gone 5 s after SIGTERM (the demo's web service). */
const APP = { startDelayMs: 2000, healthyAfterMs: 3000, stopTimeoutMs: 5000 };

const POLICIES = ['newest-ready', 'single'] as const;

/**
 * One host with sleepTimeSeconds 10 and 30, with and without the local watch; then two hosts, where
 * `single` differs; then both modes side by side on 1, 2 and 3 hosts.
 */
export const DEPLOY_CONFIGURATIONS: readonly DeployConfiguration[] = [
  ...[10, 30].flatMap((sleepTimeSeconds) =>
    [true, false].flatMap((localWatch) =>
      POLICIES.map((taskSelection) => ({
        mode: 'listener' as const,
        hosts: 1 as const,
        sleepTimeSeconds,
        localWatch,
        taskSelection,
      })),
    ),
  ),
  ...POLICIES.map((taskSelection) => ({
    mode: 'listener' as const,
    hosts: 2 as const,
    sleepTimeSeconds: 10,
    localWatch: true,
    taskSelection,
  })),
  ...(['listener', 'node-port'] as const).flatMap((mode) =>
    ([1, 2, 3] as const)
      .filter((hosts) => mode === 'node-port' || hosts === 3)
      .map((hosts) => ({
        mode,
        hosts,
        sleepTimeSeconds: 10,
        localWatch: true,
        taskSelection: 'newest-ready' as const,
      })),
  ),
];

const elbCalls = (calls: CallCounts): { readonly reads: number; readonly changes: number } => {
  let reads = 0;
  let changes = 0;
  for (const [operation, n] of Object.entries(calls.byOperation)) {
    if (!operation.startsWith('elb:')) continue;
    if (operation.startsWith('elb:Describe')) reads += n;
    else changes += n;
  }
  return { reads, changes };
};

/** `deploys` rolling deploys of one service on one host, one after the other, on virtual time. */
export const measureDeployConfiguration = async (
  configuration: DeployConfiguration,
  deploys: number,
): Promise<DeployResult> => {
  const started = performance.now();
  const cluster = await createClusterHarness({
    world: benchWorld({
      services: 1,
      hosts: configuration.hosts,
      desiredCount: configuration.hosts,
      shiftPorts: true,
      ...APP,
      sleepTimeSeconds: configuration.sleepTimeSeconds,
      taskSelection: configuration.taskSelection,
      nodePorts: configuration.mode === 'node-port',
    }),
    time: 'virtual',
    localWatchIntervalMs: configuration.localWatch ? 1000 : NEVER_MS,
    faults: { CreateLoadBalancerListeners: { latencyMs: CREATE_LATENCY_MS } },
  });
  const { world } = cluster;
  const probe = () => world.probe('svc-0-elb', 80);
  if (!(await cluster.runUntil(() => cluster.allInSync() && probe(), { timeoutMs: 300_000 }))) {
    throw new Error('the deploy benchmark cluster did not converge');
  }

  // The deploy being measured, followed through the world's events; the probe is evaluated at each one.
  const fresh = () => ({
    revision: -1,
    tasks: new Set<string>(),
    /** `instance:port` of the new tasks. */
    ports: new Set<string>(),
    readyAt: 0,
    cutAt: 0,
    oldStopped: 0,
    moves: 0,
    replacementProbes: 0,
  });
  let deploy = fresh();
  let probes = createProbeCounter(PROBE_EVERY_MS, cluster.now(), true);
  let up = true;
  let deletedAt: number | undefined;
  // Node-port mode: the cut-over is every host forwarding to its new task (the listener never moves).
  const rules = new Map<string, number>();
  const forwardedToNew = () => cluster.hosts.every((h) => deploy.ports.has(`${h}:${rules.get(h) ?? 0}`));
  cluster.events$.subscribe(({ instanceId, event }) => {
    if (event.type !== 'forwarding' || event.result !== 'applied') return;
    const port = event.after[0]?.hostPort;
    if (port !== undefined) rules.set(instanceId, port);
    if (deploy.cutAt === 0 && deploy.revision >= 0 && forwardedToNew()) deploy.cutAt = cluster.now();
  });
  world.onEvent((event: SimEvent) => {
    const wasUp = up;
    up = probe();
    probes.update(event.at, up);
    // A replacement's own gap: from the delete (when traffic flowed until then) to the create.
    if (event.type === 'loadBalancerChanged' && event.operation === 'DeleteLoadBalancerListeners')
      deletedAt = wasUp ? event.at : undefined;
    if (event.type === 'loadBalancerChanged' && event.operation === 'CreateLoadBalancerListeners') {
      if (deletedAt !== undefined)
        deploy.replacementProbes += ticksBetween(deletedAt, event.at, PROBE_EVERY_MS);
      deletedAt = undefined;
    }
    if (event.type === 'deployment') deploy.revision = event.revision;
    if (event.type === 'taskPending' && event.revision === deploy.revision && event.serviceName === 'svc-0')
      deploy.tasks.add(event.taskArn);
    if (event.type === 'taskRunning' && deploy.tasks.has(event.taskArn))
      for (const p of event.hostPorts) deploy.ports.add(`${event.instanceId}:${p.hostPort}`);
    if (event.type === 'taskHealth' && deploy.tasks.has(event.taskArn) && event.healthStatus === 'HEALTHY')
      deploy.readyAt = deploy.readyAt || event.at;
    if (event.type === 'taskStopped' && event.serviceName === 'svc-0' && !deploy.tasks.has(event.taskArn))
      deploy.oldStopped += 1;
    if (event.type === 'loadBalancerChanged') {
      if (event.operation === 'CreateLoadBalancerListeners') deploy.moves += 1;
      // Cut over: every listener forwards to the port of a new task on an instance that is registered.
      const { listeners, instances } = event.after;
      const served = listeners.every((l) =>
        instances.some((id) => deploy.ports.has(`${id}:${l.instancePort}`)),
      );
      if (configuration.mode === 'listener' && deploy.cutAt === 0 && served) deploy.cutAt = event.at;
    }
  });

  const cutOverMs: (number | undefined)[] = [];
  const failedProbes: number[] = [];
  const replacementProbes: number[] = [];
  const moves: number[] = [];
  const elbReads: number[] = [];
  const elbChanges: number[] = [];
  for (let i = 0; i < deploys; i++) {
    deploy = fresh();
    const before = elbCalls(world.calls());
    up = probe();
    probes = createProbeCounter(PROBE_EVERY_MS, cluster.now(), up);
    world.deploy('svc-0');
    await cluster.runUntil(() => deploy.cutAt > 0 && deploy.oldStopped >= configuration.hosts && probe(), {
      timeoutMs: DEPLOY_TIMEOUT_MS,
    });
    // A little more, for a probe failure that starts after the cut-over (the health check catching up).
    await cluster.advance(2000);
    cutOverMs.push(deploy.cutAt > 0 && deploy.readyAt > 0 ? deploy.cutAt - deploy.readyAt : undefined);
    failedProbes.push(probes.failures(cluster.now()));
    replacementProbes.push(deploy.replacementProbes);
    moves.push(deploy.moves);
    const after = elbCalls(world.calls());
    elbReads.push(after.reads - before.reads);
    elbChanges.push(after.changes - before.changes);
    // Start the next deploy at a random phase of the resync, as real deploys do.
    await cluster.advance(1000 + ((i * 7919) % (configuration.sleepTimeSeconds * 1000)));
  }
  await cluster.stop();
  return {
    ...configuration,
    cutOverMs,
    failedProbes,
    replacementProbes,
    moves,
    elbReads,
    elbChanges,
    wallMs: performance.now() - started,
  };
};

export const measureDeploys = async (deploys: number): Promise<DeployResult[]> => {
  const results: DeployResult[] = [];
  for (const configuration of DEPLOY_CONFIGURATIONS)
    results.push(await measureDeployConfiguration(configuration, deploys));
  return results;
};

export const deploysTable = (results: readonly DeployResult[], deploys: number, machine: string): Table => ({
  title: `Rolling deploys: cut-over latency and failed probes (${deploys} deploys each, virtual time)`,
  columns: [
    'mode',
    'policy',
    'hosts (tasks)',
    'sleepTimeSeconds',
    'local watch',
    'cut-over median',
    'cut-over worst',
    'no cut-over',
    'deploys failing probes beyond the replacement',
    'beyond: median',
    'beyond: worst',
    'beyond: total',
    'in replacements: total',
    'listener replacements median (worst)',
    'ELB change calls median (worst)',
    'ELB reads median (worst)',
  ],
  rows: results.map((r) => {
    const moved = r.cutOverMs.filter((ms): ms is number => ms !== undefined);
    const beyond = r.failedProbes.map((n, i) => n - (r.replacementProbes[i] ?? 0));
    return [
      r.mode,
      r.taskSelection,
      `${r.hosts} (${r.hosts})`,
      r.sleepTimeSeconds,
      r.localWatch ? 'on' : 'off',
      show(median(moved) === undefined ? undefined : median(moved)! / 1000, 2, ' s'),
      show(maximum(moved) === undefined ? undefined : maximum(moved)! / 1000, 2, ' s'),
      r.cutOverMs.length - moved.length,
      beyond.filter((n) => n > 0).length,
      show(median(beyond), 1),
      show(maximum(beyond)),
      sum(beyond),
      sum(r.replacementProbes),
      `${show(median(r.moves))} (${show(maximum(r.moves))})`,
      `${show(median(r.elbChanges))} (${show(maximum(r.elbChanges))})`,
      `${show(median(r.elbReads))} (${show(maximum(r.elbReads))})`,
    ];
  }),
  notes: [
    'Measured in the sim on virtual time: one service behind one Classic ELB (HTTP:80, health check every 5 s, 2 to pass or fail), one real agent per host with the real aws adapters (in-process SDK transport). One host runs one task; with two hosts each runs one (their dynamic ports differ).',
    `The app starts in ${APP.startDelayMs / 1000} s, turns HEALTHY ${APP.healthyAfterMs / 1000} s later, and exits ${APP.stopTimeoutMs / 1000} s after SIGTERM; ECS stops the old task as soon as the new one is healthy (minimum healthy 100 %, maximum 200 %). settleTimeSeconds 5.`,
    'Cut-over latency: from the new task turning HEALTHY (ECS ready) to the listener forwarding to its host port on a registered instance. Failed probe: every 100 ms, "would a request to port 80 succeed" (a listener, an InService registered instance, a running task on its instance port).',
    `CreateLoadBalancerListeners answers after ${CREATE_LATENCY_MS} ms of virtual time, other calls at once. Probes that fail between a listener's delete and its create, while traffic flowed just before the delete, are the replacement itself ("in replacements"); every other failed probe is downtime beyond it ("beyond"). Negative cut-over: traffic moved before the new task was healthy.`,
    "Local watch off: the agent sees a task change only at its next resync. `single` is Statika 0.1's rule: act only when exactly one task of the family runs on the host. Cut-over with two hosts: the listener on one of the new tasks' ports; a replacement is one listener delete and create.",
    "Node-port mode (SPEC §4 rule 8): the listener and health check stay on the node port; each host forwards it to its own task with a kernel rule (here the fake host driver, which the sim's hosts follow, so the ELB health checks and the probe go through it). Its cut-over: every host forwarding to its new task. ELB calls: every call the agents made to ELB during the deploy, resyncs included (DescribeLoadBalancers once a resync and agent); changes are the calls that are not Describe*.",
    machine,
    'Rerun: `pnpm --filter @statika/agent bench -- --only deploys [--deploys N]`.',
  ],
});
