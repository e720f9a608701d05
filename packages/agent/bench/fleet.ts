import { performance } from 'node:perf_hooks';
import { createSimCluster } from '../src/sim-cluster/sim-cluster.js';
import { trackFleet } from './lib/fleet-tracker.js';
import { FLEET_SERVICES, fleetWorld } from './lib/fleet-world.js';
import { editListenerByHand } from './lib/hand-edit.js';
import { median, show } from './lib/stats.js';
import type { Table } from './lib/table.js';

export interface FleetOptions {
  /** Virtual seconds of the quiet steady window (the rates). */
  readonly steadySeconds: number;
  /** Deploys of one service at a time, and hand edits, in the steady phase (the latencies). */
  readonly changes: number;
  /** Virtual seconds between two of those changes. */
  readonly changeEverySeconds: number;
}

export interface FleetRow {
  readonly hosts: number;
  readonly case: 'steady' | 'deploy';
  readonly windowSeconds: number;
  /** AWS calls the sim received in the window, by `service:Operation` (throttled ones included). */
  readonly calls: Readonly<Record<string, number>>;
  readonly throttled: number;
  readonly cutoversMs: readonly number[];
  readonly correctionsMs: readonly number[];
  /** Services whose load balancer did not forward to their task, or agents not in sync, at the end. */
  readonly unconverged: number;
  /** Virtual seconds from the agents' start to every agent in sync (steady row only). */
  readonly startupSeconds: number | undefined;
  readonly wallSeconds: number;
  readonly rssMb: number;
  /** The process's largest RSS so far (every fleet size of the run before this one included). */
  readonly peakRssMb: number;
}

const sumOf = (calls: Readonly<Record<string, number>>, match: RegExp): number =>
  Object.entries(calls)
    .filter(([op]) => match.test(op))
    .reduce((a, [, n]) => a + n, 0);

const ECS_READS = /^ecs:(Describe|List)/;
const ELB_READS = /^elb:Describe/;
const DEPLOY_TIMEOUT_MS = 1_800_000;

/** The world's load balancers that do not forward to their service's running task on its host. */
const unconvergedServices = (cluster: Awaited<ReturnType<typeof createSimCluster>>): number => {
  let count = 0;
  const tasks = cluster.world.tasks();
  for (let i = 0; i < FLEET_SERVICES; i++) {
    const task = tasks.find(
      (t) => t.serviceName === `svc-${i}` && t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING',
    );
    const port = task?.containers[0]?.networkBindings[0]?.hostPort;
    const lb = cluster.world.loadBalancer(`svc-${i}-elb`);
    const ok =
      lb !== undefined &&
      port !== undefined &&
      lb.instances.includes(task?.instanceId as never) &&
      lb.listeners.every((l) => l.instancePort === port) &&
      lb.healthCheck.target.includes(`:${port}`);
    if (!ok) count += 1;
  }
  return count;
};

/**
 * One fleet size: one agent per host, all started at once, on virtual time, with the account's buckets
 * as AWS documents them. Steady: after every agent is in sync, the calls of a quiet window (the rates),
 * then deploys of one service at a time and hand edits of a listener, alternating (the latencies).
 * Deploy: all 50 services deployed at once, until every one is cut over and every agent in sync.
 */
export const measureFleet = async (hosts: number, options: FleetOptions): Promise<FleetRow[]> => {
  const wallStart = performance.now();
  const cluster = await createSimCluster({ world: fleetWorld(hosts), time: 'virtual' });
  const { world } = cluster;
  const tracker = trackFleet(world);
  const t0 = cluster.now();
  // A large fleet runs for many minutes: it says how far it is (and in which phase), on stderr, every
  // minute of wall time, and what its start-up cost once every agent is in sync.
  let phase = 'start-up';
  const say = (what: string) => {
    const cpu = process.cpuUsage();
    const ready = cluster.hosts.filter((_, i) => cluster.status(i)?.ready === true).length;
    process.stderr.write(
      `fleet ${hosts}: ${what} (${ready} agents ready) at ${((cluster.now() - t0) / 1000).toFixed(0)} s of virtual time, ${((performance.now() - wallStart) / 1000).toFixed(0)} s of wall time, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s of CPU\n`,
    );
  };
  const progress = setInterval(() => say(phase), 60_000);
  progress.unref();
  if (!(await cluster.runUntil(() => cluster.allInSync(), { timeoutMs: 4 * 3_600_000 })))
    throw new Error(`${hosts} hosts did not converge in 4 h of virtual time`);
  const startupSeconds = (cluster.now() - t0) / 1000;
  say(`start-up done (${world.calls().total} AWS calls, ${world.throttled().total} throttled)`);
  phase = 'steady window';
  await cluster.advance(60_000);

  const row = (kind: FleetRow['case'], windowMs: number, wallFrom: number, startup?: number): FleetRow => ({
    hosts,
    case: kind,
    windowSeconds: windowMs / 1000,
    calls: Object.fromEntries(
      Object.entries(world.calls().byOperation).filter(([op]) => /^(ecs|elb|s3):/.test(op)),
    ),
    throttled: world.throttled().total,
    cutoversMs: [...tracker.cutoversMs],
    correctionsMs: [...tracker.correctionsMs],
    unconverged: unconvergedServices(cluster) + (cluster.allInSync() ? 0 : 1),
    startupSeconds: startup,
    wallSeconds: (performance.now() - wallFrom) / 1000,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    peakRssMb: process.resourceUsage().maxRSS / 2 ** 10,
  });

  // Steady: the rates over a quiet window, then the latencies (changes one at a time, not in the rates).
  world.resetCalls();
  await cluster.advance(options.steadySeconds * 1000);
  const quiet = row('steady', options.steadySeconds * 1000, wallStart, startupSeconds);
  tracker.reset();
  phase = 'changes';
  for (let i = 0; i < options.changes; i++) {
    const service = (i * 7) % FLEET_SERVICES;
    if (i % 2 === 0) world.deploy(`svc-${service}`);
    else {
      const lb = `svc-${service}-elb`;
      const port = world.loadBalancer(lb)?.listeners[0]?.instancePort;
      if (port !== undefined && (await editListenerByHand(world, lb, 31_999)))
        tracker.expectCorrection(lb, port, cluster.now());
    }
    // Off the whole second, so the local watch's polls (on whole seconds) are not in phase with the changes.
    await cluster.advance(options.changeEverySeconds * 1000 + ((i * 379) % 1000));
  }
  await cluster.runUntil(() => tracker.pendingDeploys() === 0 && tracker.pendingCorrections() === 0, {
    timeoutMs: DEPLOY_TIMEOUT_MS,
  });
  const steady: FleetRow = {
    ...quiet,
    cutoversMs: [...tracker.cutoversMs],
    correctionsMs: [...tracker.correctionsMs],
  };

  // Deploy: every service at once.
  phase = 'deploy of every service';
  await cluster.advance(60_000);
  tracker.reset();
  world.resetCalls();
  const deployWall = performance.now();
  await cluster.advance(500);
  const deployStart = cluster.now();
  for (let i = 0; i < FLEET_SERVICES; i++) world.deploy(`svc-${i}`);
  await cluster.runUntil(() => tracker.pendingDeploys() === 0 && cluster.allInSync(), {
    timeoutMs: DEPLOY_TIMEOUT_MS,
  });
  const deploy = row('deploy', Math.max(1000, cluster.now() - deployStart), deployWall);
  await cluster.stop();
  clearInterval(progress);
  return [steady, deploy];
};

const perSecond = (n: number, seconds: number): number => (seconds > 0 ? n / seconds : 0);
const p50Seconds = (ms: readonly number[]): string =>
  show(median(ms) === undefined ? undefined : median(ms)! / 1000, 2);

/** The one line per row the issue asks for, then the other figures. */
export const fleetLine = (r: FleetRow): string =>
  [
    `fleet: hosts=${r.hosts}`,
    `case=${r.case}`,
    `ecsReadsPerSecond=${perSecond(sumOf(r.calls, ECS_READS), r.windowSeconds).toFixed(2)}`,
    `elbReadsPerSecond=${perSecond(sumOf(r.calls, ELB_READS), r.windowSeconds).toFixed(2)}`,
    `throttledPerMinute=${(perSecond(r.throttled, r.windowSeconds) * 60).toFixed(2)}`,
    `cutoverP50Seconds=${p50Seconds(r.cutoversMs)}`,
    `correctionP50Seconds=${p50Seconds(r.correctionsMs)}`,
    `s3ReadsPerSecond=${perSecond(sumOf(r.calls, /^s3:/), r.windowSeconds).toFixed(2)}`,
    `elbWrites=${sumOf(r.calls, /^elb:(?!Describe)/)}`,
    `cutovers=${r.cutoversMs.length}`,
    `cutoverMaxSeconds=${show(r.cutoversMs.length ? Math.max(...r.cutoversMs) / 1000 : undefined, 2)}`,
    `corrections=${r.correctionsMs.length}`,
    `correctionMaxSeconds=${show(r.correctionsMs.length ? Math.max(...r.correctionsMs) / 1000 : undefined, 2)}`,
    `unconverged=${r.unconverged}`,
    `windowSeconds=${r.windowSeconds.toFixed(0)}`,
    ...(r.startupSeconds === undefined ? [] : [`startupSeconds=${r.startupSeconds.toFixed(0)}`]),
    `wallSeconds=${r.wallSeconds.toFixed(1)}`,
    `rssMb=${r.rssMb.toFixed(0)}`,
    `peakRssMb=${r.peakRssMb.toFixed(0)}`,
  ].join(' ');

export const fleetTable = (rows: readonly FleetRow[], options: FleetOptions, machine: string): Table => ({
  title: 'The fleet: AWS reads of one agent per host, throttling as AWS documents it',
  columns: [
    'hosts',
    'case',
    'ECS reads/s',
    'ELB reads/s',
    'throttled/min',
    'cut-over p50',
    'correction p50',
    'unconverged',
    'window s',
    'wall s',
  ],
  rows: rows.map((r) => [
    r.hosts,
    r.case,
    perSecond(sumOf(r.calls, ECS_READS), r.windowSeconds),
    perSecond(sumOf(r.calls, ELB_READS), r.windowSeconds),
    perSecond(r.throttled, r.windowSeconds) * 60,
    `${p50Seconds(r.cutoversMs)} s`,
    `${p50Seconds(r.correctionsMs)} s`,
    r.unconverged,
    Math.round(r.windowSeconds),
    Math.round(r.wallSeconds),
  ]),
  notes: [
    `50 services of one task each, pinned round robin to hosts (a deploy stays on its host), each behind its own Classic ELB; Statika as a DAEMON task on every host; sleepTimeSeconds 10, fleet budget defaults (8 ECS reads/s, 4 ELB reads/s). Buckets: ECS reads 50 + 20/s, ELB reads 40 + 10/s (documented), writes assumed the same, S3 5,500/s.`,
    `Steady: rates over ${options.steadySeconds} s of virtual time with nothing changing, after every agent is in sync; cut-over and correction from ${options.changes} changes ${options.changeEverySeconds} s apart (a deploy of one service, a listener edited by hand, alternating). Deploy: every service deployed at once, until each is cut over and every agent is in sync; rates over that window.`,
    'Cut-over: from the new task turning HEALTHY to its load balancer forwarding to it on a registered instance. Correction: from the hand edit to the listener forwarding to the serving port again.',
    machine,
    'Rerun: `pnpm --filter @statika/agent bench -- --only fleet [--hosts 1,10,100,500]`.',
  ],
});
