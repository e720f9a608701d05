import { performance } from 'node:perf_hooks';
import { type ServiceSpec, type Spec, withConfigurationDefaults } from '@statika/core';
import { describeEvent, type SimEvent } from '@statika/sim';
import { createSimCluster } from '../../src/sim-cluster/sim-cluster.js';
import { applySoakEvent, restoreFile, type SoakFiles } from './apply-event.js';
import type { ClusterView } from './cluster-view.js';
import { generateSoak } from './generate-soak.js';
import {
  checkConverged,
  checkListenersKept,
  checkRegisteredHaveCandidates,
  checkTraffic,
  findAlternations,
  type ListenerMove,
  type Violation,
} from './invariants.js';
import { killBetweenDeleteAndCreate } from './kill-between-delete-and-create.js';
import { describeSoakEvent, type SoakEventType } from './soak-event.js';
import { soakWorld } from './soak-world.js';

/** What the soak counts besides its events: kills between a delete and its create, and take-overs after them. */
/** Quiet periods between two progress lines (a 100,000-event run has about 2,000). */
const PROGRESS_EVERY = 100;

type KillCount = 'killedBetweenDeleteAndCreate' | 'takenOverAfterKill';

export interface SoakOptions {
  readonly seed: number;
  readonly events: number;
  /** Events between quiet periods. */
  readonly quietEvery: number;
  /** Print every event as it is applied. */
  readonly verbose: boolean;
  /** Load balancers whose every change, and every agent action on them, goes into the event log. */
  readonly trace?: readonly string[];
  readonly log: (line: string) => void;
}

/** A violation with where it was found and the events that led to it (those since the previous check). */
export interface SoakViolation extends Violation {
  readonly quietPeriod: number;
  readonly at: number;
  readonly events: readonly string[];
}

export interface SoakReport {
  readonly seed: number;
  readonly events: number;
  readonly counts: Readonly<Partial<Record<SoakEventType | KillCount, number>>>;
  readonly quietPeriods: number;
  readonly violations: readonly SoakViolation[];
  /** Virtual time the soak covered, ms. */
  readonly virtualMs: number;
  readonly wallMs: number;
  readonly awsCalls: number;
  readonly agent: Readonly<Record<string, number>>;
  /** Quiet periods where the simulated ECS itself did not settle (not a Statika failure). */
  readonly unsettled: number;
  /** Violations found again in the period after the one that reported them (not listed again). */
  readonly repeated: number;
}

/** How long ECS may take to settle after a quiet period starts (stop timeouts, health checks, replacements). */
const SETTLE_TIMEOUT_MS = 10 * 60_000;
/** The resync jitter is ±10 %; a local-watch poll and the reconcile itself are the slack. */
const JITTER = 1.1;
const SLACK_MS = 2000;

/** ECS stands still: every task stopped, or running as desired with its health check decided. */
const ecsSettled = (
  tasks: readonly {
    lastStatus: string;
    desiredStatus: string;
    healthStatus: string;
    containers: readonly { hasHealthCheck: boolean }[];
  }[],
): boolean =>
  tasks.every(
    (t) =>
      t.lastStatus === 'STOPPED' ||
      (t.lastStatus === 'RUNNING' &&
        t.desiredStatus === 'RUNNING' &&
        (t.healthStatus !== 'UNKNOWN' || !t.containers.some((c) => c.hasHealthCheck))),
  );

/**
 * The soak: a seeded list of events applied to 3 simulated hosts with one real agent each, on virtual
 * time, with a quiet period every `quietEvery` events where the invariants are checked.
 */
export const runSoak = async (options: SoakOptions): Promise<SoakReport> => {
  const started = performance.now();
  const soak = soakWorld();
  const cluster = await createSimCluster({
    world: soak.world,
    time: 'virtual',
    seed: options.seed,
    journal: 'memory',
  });
  const { world } = cluster;
  const startAt = cluster.now();
  const spec: Spec = {
    configuration: withConfigurationDefaults(
      soak.configuration as Parameters<typeof withConfigurationDefaults>[0],
    ),
    services: soak.services as unknown as ServiceSpec[],
  };
  const resyncMs = spec.configuration.sleepTimeSeconds * 1000;
  const settleMs = spec.configuration.settleTimeSeconds * 1000;
  const serviceOfLb = new Map(spec.services.map((s) => [s.loadBalancerName as string, s]));
  const files: SoakFiles = {
    url: { configuration: cluster.urls.configuration, services: cluster.urls.services },
    body: {
      configuration: soak.world.objects?.find((o) => o.key === 'configuration.json')?.body ?? '',
      services: soak.world.objects?.find((o) => o.key === 'services.json')?.body ?? '',
    },
  };
  const initialLoadBalancers = world.snapshot().loadBalancers;

  const counts: Partial<Record<SoakEventType | KillCount, number>> = {};
  const count = (key: SoakEventType | KillCount) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  const agentCounts: Record<string, number> = {};
  let window: string[] = [];
  const note = (text: string) => {
    const line = `${((cluster.now() - startAt) / 1000).toFixed(1).padStart(8)} s  ${text}`;
    window.push(line);
    if (options.verbose) options.log(line);
  };
  const traced = new Set(options.trace ?? []);
  cluster.events$.subscribe(({ agent, event }) => {
    if (event.type === 'action' && traced.has(event.action.loadBalancerName)) {
      const error = event.error === undefined ? '' : ` (${event.error.code}: ${event.error.message})`;
      note(
        `    agent ${agent}: ${event.action.type} on ${event.action.loadBalancerName} ${event.result}${error}`,
      );
    }
    const key =
      event.type === 'action'
        ? `action ${event.result}`
        : event.type === 'reconcile'
          ? `reconcile ${event.result}`
          : event.type;
    agentCounts[key] = (agentCounts[key] ?? 0) + 1;
  });

  // Listener moves (recorded while checking a quiet period) and the armed kill between delete and create.
  let recording = false;
  let moves: ListenerMove[] = [];
  let changesSinceConverged: string[] = [];
  let killArmed = false;
  const targetOf = (lbName: string, port: number): string => {
    const service = serviceOfLb.get(lbName);
    const hosts = world.internals.ecs
      .tasks()
      .filter(
        (t) =>
          t.lastStatus !== 'STOPPED' &&
          (service?.family === undefined
            ? t.group === `service:${service?.serviceName}`
            : t.family === service.family) &&
          t.containers.some((c) => c.ports.some((p) => p.hostPort === port)),
      )
      .map((t) => t.instanceId);
    return `${[...new Set(hosts)].sort().join('|') || '?'}:${port}`;
  };
  const onWorldEvent = (event: SimEvent): void => {
    if (event.type !== 'loadBalancerChanged') return;
    if (traced.has(event.loadBalancerName)) note(`    ${describeEvent(event)}`);
    changesSinceConverged.push(`${event.operation} on ${event.loadBalancerName}`);
    if (recording && event.operation === 'CreateLoadBalancerListeners') {
      for (const listener of event.after.listeners) {
        moves.push({
          at: event.at,
          loadBalancerName: event.loadBalancerName,
          loadBalancerPort: listener.loadBalancerPort,
          target: targetOf(event.loadBalancerName, listener.instancePort),
        });
      }
    }
    if (killArmed && event.operation === 'DeleteLoadBalancerListeners') {
      killArmed = false;
      // Every other such kill, another host takes the service over while the killed agent is down.
      const takeOver = (counts.killedBetweenDeleteAndCreate ?? 0) % 2 === 1;
      const service = serviceOfLb.get(event.loadBalancerName);
      const { killed, stopped } = killBetweenDeleteAndCreate(world, cluster, service, takeOver);
      count('killedBetweenDeleteAndCreate');
      if (stopped > 0) count('takenOverAfterKill');
      note(
        `  killed agent(s) ${killed.join(', ') || 'none running'} between the delete and the create on ${event.loadBalancerName}${stopped > 0 ? `; stopped ${stopped} task(s) of ${service?.serviceName}: another host takes over` : ''}`,
      );
    }
  };
  world.onEvent(onWorldEvent);

  const crashLooping = new Set<string>();
  const violations: SoakViolation[] = [];
  let quietPeriods = 0;
  let unsettled = 0;
  const view = (): ClusterView => world.snapshot();

  // A violation that persists (a listener's lost policies) is reported where it appears, not in every period after.
  let reportedBefore = new Set<string>();
  let reportedNow = new Set<string>();
  let repeated = 0;
  const report = (found: readonly Violation[]) => {
    for (const v of found) {
      const key = `${v.invariant} ${v.subject} ${v.message}`;
      reportedNow.add(key);
      if (reportedBefore.has(key)) repeated += 1;
      else {
        violations.push({ ...v, quietPeriod: quietPeriods, at: cluster.now() - startAt, events: window });
        // Said as found too: a long run stopped early still tells what broke (the report lists it with its events).
        options.log(`violation in quiet period ${quietPeriods}: [${v.invariant}] ${v.subject}: ${v.message}`);
      }
    }
  };

  const quiet = async (): Promise<void> => {
    quietPeriods += 1;
    world.clearFaults();
    killArmed = false;
    restoreFile(cluster, files, 'configuration');
    restoreFile(cluster, files, 'services');
    for (const service of crashLooping) world.crashLoop(service, false);
    crashLooping.clear();
    cluster.hosts.forEach((_, i) => {
      if (!cluster.isRunning(i)) cluster.startAgent(i);
    });
    const quietAt = cluster.now();
    note(`quiet period ${quietPeriods}: faults cleared, files restored, every agent running`);

    const settled = await cluster.runUntil(() => ecsSettled(world.internals.ecs.tasks()), {
      timeoutMs: SETTLE_TIMEOUT_MS,
    });
    if (!settled) {
      unsettled += 1;
      note('  ECS did not settle within 10 minutes: this period is not checked');
      return;
    }
    const settledAt = cluster.now();
    recording = true;
    moves = world.snapshot().loadBalancers.flatMap((lb) =>
      lb.listeners.map((l) => ({
        at: settledAt,
        loadBalancerName: lb.name,
        loadBalancerPort: l.loadBalancerPort,
        target: targetOf(lb.name, l.instancePort),
      })),
    );
    // Two resyncs from the last fault, or from the moment the last new task can become ready.
    const deadline = Math.max(quietAt, settledAt + settleMs) + 2 * resyncMs * JITTER + SLACK_MS;
    const converged = () => cluster.allInSync() && checkConverged(view(), spec).length === 0;
    // Until every task has been running for the settle time a newer task may still take over: a move then is no flapping.
    await cluster.advance(Math.max(0, settledAt + settleMs - cluster.now()));
    const ok = await cluster.runUntil(converged, { timeoutMs: Math.max(0, deadline - cluster.now()) });
    note(
      `  ECS settled after ${((settledAt - quietAt) / 1000).toFixed(1)} s, ${ok ? 'converged' : 'NOT converged'} after ${((cluster.now() - quietAt) / 1000).toFixed(1)} s`,
    );
    if (!ok) {
      const agents = cluster.hosts.flatMap((id, i) =>
        (cluster.status(i)?.services ?? [])
          .filter((s) => !s.inSync)
          .map((s) => ({
            invariant: 'converged' as const,
            subject: s.serviceName,
            message: `agent ${i} (${id}) reports ${s.state}: ${s.reason}${s.lastError ? `; last error ${s.lastError.error.code}: ${s.lastError.error.message}` : ''}`,
          })),
      );
      const notReady = cluster.hosts.flatMap((id, i) =>
        cluster.status(i)?.ready === false
          ? [
              {
                invariant: 'converged' as const,
                subject: `agent ${i}`,
                message: `agent ${i} (${id}) is not ready`,
              },
            ]
          : [],
      );
      report([...checkConverged(view(), spec), ...agents, ...notReady]);
    }
    const snapshot = view();
    report(checkListenersKept(initialLoadBalancers, snapshot.loadBalancers));
    report(checkRegisteredHaveCandidates(snapshot, spec.services));
    if (ok) {
      changesSinceConverged = [];
      await cluster.advance(resyncMs * JITTER + SLACK_MS);
      if (changesSinceConverged.length > 0) {
        report([
          {
            invariant: 'stable',
            subject: 'cluster',
            message: `${changesSinceConverged.length} load balancer change(s) in the resync after convergence: ${changesSinceConverged.slice(0, 6).join(', ')}`,
          },
        ]);
      }
      // More than HealthyThreshold x Interval (2 x 5 s) has passed since the last change: every instance is InService.
      report(checkTraffic(view(), spec.services, (name, port) => world.probe(name, port)));
    }
    report(findAlternations(moves));
    // A long run says how far it is, so that one stopped early still tells what it checked.
    if (quietPeriods % PROGRESS_EVERY === 0) {
      options.log(
        `progress: quiet period ${quietPeriods}, ${violations.length} violation(s) so far, ${((cluster.now() - startAt) / 3_600_000).toFixed(1)} h virtual, ${((performance.now() - started) / 1000).toFixed(0)} s wall`,
      );
    }
    recording = false;
    window = [];
    reportedBefore = reportedNow;
    reportedNow = new Set();
  };

  const steps = generateSoak({
    seed: options.seed,
    events: options.events,
    services: soak.world.services.map((s) => ({ serviceName: s.serviceName, desiredCount: s.desiredCount })),
    hosts: soak.hosts,
    agents: cluster.hosts.length,
    quietEvery: options.quietEvery,
  });
  for (const step of steps) {
    if (step.kind === 'quiet') {
      await quiet();
      continue;
    }
    await cluster.advance(step.afterMs);
    const { event } = step;
    count(event.type);
    if (event.type === 'killOnNextDelete') killArmed = true;
    if (event.type === 'crashLoop') {
      if (event.on) crashLooping.add(event.service);
      else crashLooping.delete(event.service);
    }
    const outcome = applySoakEvent(cluster, files, event);
    note(`#${step.index} ${describeSoakEvent(event)}${outcome === undefined ? '' : ` (${outcome})`}`);
  }

  const virtualMs = cluster.now() - startAt;
  const awsCalls = cluster.calls().total;
  await cluster.stop();
  return {
    seed: options.seed,
    events: options.events,
    counts,
    quietPeriods,
    violations,
    virtualMs,
    wallMs: performance.now() - started,
    awsCalls,
    agent: agentCounts,
    unsettled,
    repeated,
  };
};
