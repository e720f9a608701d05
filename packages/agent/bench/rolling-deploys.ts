import type { TaskSelection } from '@statika/core';
import type { CallCounts, SimEvent } from '@statika/sim';
import { createSimCluster } from '../src/sim-cluster/sim-cluster.js';
import { benchWorld } from './lib/bench-world.js';
import { createDeployTracker } from './lib/deploy-tracker.js';
import { drainMidDeploy, restoreDrainedHost } from './lib/drain-serving-host.js';
import { createProbeCounter } from './lib/probe-counter.js';

export interface DeployConfiguration {
  /** `listener`: the listener follows the serving task; `node-port`: every host forwards a node port (rule 8). */
  readonly mode: 'listener' | 'node-port';
  /** One task on each host, an agent on each. */
  readonly hosts: 1 | 2 | 3;
  readonly sleepTimeSeconds: number;
  readonly localWatch: boolean;
  readonly taskSelection: TaskSelection;
  /** The serving host is drained mid-deploy (when the deploy's first new task runs): a move is unavoidable. */
  readonly drainServingHost: boolean;
}

export interface DeployResult extends DeployConfiguration {
  /** Per deploy: ms from the new task being ready (RUNNING and HEALTHY) to the listener on its port; undefined if it never moved. */
  readonly cutOverMs: readonly (number | undefined)[];
  /** Per deploy: probes (every 100 ms) that failed, all of them. */
  readonly failedProbes: readonly number[];
  /** Per deploy: of those, the ones between a listener's delete and its create (the replacement itself). */
  readonly replacementProbes: readonly number[];
  /** Per deploy: listener replacements (a deploy needs one). */
  readonly replacements: readonly number[];
  /** Per deploy: whether the service moved to another host (no host registered before is registered after). */
  readonly moved: readonly boolean[];
  /** Per deploy: registrations of an instance (moves, and static-port peers joining). */
  readonly registrations: readonly number[];
  /** Per deploy: ELB calls by the agents, reads (Describe*) and changes. */
  readonly elbReads: readonly number[];
  readonly elbChanges: readonly number[];
  readonly wallMs: number;
}

export const PROBE_EVERY_MS = 100;
/**
 * The listener create answers after this long (virtual time), so that a replacement leaves a gap between
 * its delete and its create as it does on AWS. Other calls answer at once: each latency costs the
 * virtual-time driver some real milliseconds, and only this one opens a window without a listener.
 */
export const CREATE_LATENCY_MS = 100;
const DEPLOY_TIMEOUT_MS = 180_000;
/** Virtual "never": the local watch is off when its poll never comes. */
const NEVER_MS = 1e12;
/** The app: 2 s to start, healthy 3 s after, gone 5 s after SIGTERM (the demo's web service). */
export const APP = { startDelayMs: 2000, healthyAfterMs: 3000, stopTimeoutMs: 5000 };
/**
 * With several hosts, each task takes up to this much longer to start (image pulls and container starts
 * vary per host), so the tasks ECS starts together on the hosts start running in a random order.
 */
export const START_JITTER_MS = 1500;

const POLICIES = ['newest-ready', 'single'] as const;

const row = (
  mode: DeployConfiguration['mode'],
  hosts: DeployConfiguration['hosts'],
  taskSelection: TaskSelection = 'newest-ready',
  drainServingHost = false,
): DeployConfiguration => ({
  mode,
  hosts,
  sleepTimeSeconds: 10,
  localWatch: true,
  taskSelection,
  drainServingHost,
});

/**
 * One host with sleepTimeSeconds 10 and 30, with and without the local watch; then two hosts, where
 * `single` differs; then both modes side by side on 1, 2 and 3 hosts; then the unavoidable move: the
 * serving host of two drained mid-deploy.
 */
export const DEPLOY_CONFIGURATIONS: readonly DeployConfiguration[] = [
  ...[10, 30].flatMap((sleepTimeSeconds) =>
    [true, false].flatMap((localWatch) =>
      POLICIES.map((taskSelection) => ({
        ...row('listener', 1, taskSelection),
        sleepTimeSeconds,
        localWatch,
      })),
    ),
  ),
  ...POLICIES.map((taskSelection) => row('listener', 2, taskSelection)),
  row('listener', 3),
  ...([1, 2, 3] as const).map((hosts) => row('node-port', hosts)),
  row('listener', 2, 'newest-ready', true),
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

/** `deploys` rolling deploys of one service, one after the other, on virtual time. */
export const measureDeployConfiguration = async (
  configuration: DeployConfiguration,
  deploys: number,
): Promise<DeployResult> => {
  const started = performance.now();
  const cluster = await createSimCluster({
    world: benchWorld({
      services: 1,
      hosts: configuration.hosts,
      desiredCount: configuration.hosts,
      shiftPorts: true,
      ...APP,
      ...(configuration.hosts > 1 ? { startJitterMs: START_JITTER_MS } : {}),
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
  const tracker = createDeployTracker('svc-0', PROBE_EVERY_MS, configuration.mode, cluster.hosts);
  let probes = createProbeCounter(PROBE_EVERY_MS, cluster.now(), true);
  let up = true;
  let measuring = true;
  cluster.events$.subscribe(({ instanceId, event }) => {
    if (event.type !== 'forwarding' || event.result !== 'applied') return;
    const port = event.after[0]?.hostPort;
    if (port !== undefined) tracker.onForwarding(instanceId, port, cluster.now());
  });
  world.onEvent((event: SimEvent) => {
    const wasUp = up;
    up = probe();
    if (!measuring) return;
    probes.update(event.at, up);
    tracker.onEvent(event, wasUp);
  });

  const result = {
    cutOverMs: [] as (number | undefined)[],
    failedProbes: [] as number[],
    replacementProbes: [] as number[],
    replacements: [] as number[],
    moved: [] as boolean[],
    registrations: [] as number[],
    elbReads: [] as number[],
    elbChanges: [] as number[],
  };
  for (let i = 0; i < deploys; i++) {
    tracker.reset();
    up = probe();
    probes = createProbeCounter(PROBE_EVERY_MS, cluster.now(), up);
    measuring = true;
    const calls = elbCalls(world.calls());
    const registeredBefore = world.loadBalancer('svc-0-elb')?.instances ?? [];
    world.deploy('svc-0');
    const drained = configuration.drainServingHost ? await drainMidDeploy(cluster, tracker) : undefined;
    await cluster.runUntil(
      () => tracker.current().cutAt > 0 && tracker.current().oldStopped >= configuration.hosts && probe(),
      { timeoutMs: DEPLOY_TIMEOUT_MS },
    );
    // A little more, for a probe failure that starts after the cut-over (the health check catching up).
    await cluster.advance(2000);
    const deploy = tracker.current();
    result.cutOverMs.push(deploy.cutAt > 0 && deploy.readyAt > 0 ? deploy.cutAt - deploy.readyAt : undefined);
    result.failedProbes.push(probes.failures(cluster.now()));
    result.replacementProbes.push(deploy.replacementProbes);
    result.replacements.push(deploy.replacements);
    const registeredAfter = world.loadBalancer('svc-0-elb')?.instances ?? [];
    result.moved.push(!registeredAfter.some((id) => registeredBefore.includes(id)));
    result.registrations.push(deploy.registrations);
    const after = elbCalls(world.calls());
    result.elbReads.push(after.reads - calls.reads);
    result.elbChanges.push(after.changes - calls.changes);
    measuring = false;
    if (drained !== undefined) await restoreDrainedHost(cluster, drained);
    // Start the next deploy at a random phase of the resync, as real deploys do.
    await cluster.advance(1000 + ((i * 7919) % (configuration.sleepTimeSeconds * 1000)));
  }
  await cluster.stop();
  return { ...configuration, ...result, wallMs: performance.now() - started };
};

export const measureDeploys = async (deploys: number): Promise<DeployResult[]> => {
  const results: DeployResult[] = [];
  for (const configuration of DEPLOY_CONFIGURATIONS)
    results.push(await measureDeployConfiguration(configuration, deploys));
  return results;
};
