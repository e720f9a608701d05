import { performance } from 'node:perf_hooks';
import { type ServiceSpec, type Spec, withConfigurationDefaults } from '@statika/core';
import type { AgentEvent } from '../../src/agent-event.js';
import { createSimCluster } from '../../src/sim-cluster/sim-cluster.js';
import { applySoakEvent, type SoakFiles } from './apply-event.js';
import { createEventWindow, type EventWindow } from './event-window.js';
import { generateSoak } from './generate-soak.js';
import { watchLoadBalancers } from './load-balancer-watch.js';
import { checkQuietPeriod } from './quiet-period.js';
import { describeSoakEvent, type SoakEventType } from './soak-event.js';
import { soakWorld } from './soak-world.js';
import { createViolationLog, type SoakViolation } from './violation-log.js';

export type { SoakViolation } from './violation-log.js';

/** Quiet periods between two progress lines (a 100,000-event run has about 2,000). */
const PROGRESS_EVERY = 100;

/** What the soak counts besides its events: kills between a delete and its create, and take-overs after them. */
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

/** The agents' events by kind (`action applied`, `reconcile ok`, `file`, …); traced actions into the event log. */
const countAgentEvents = (traced: ReadonlySet<string>, window: EventWindow) => {
  const counts: Record<string, number> = {};
  const onEvent = ({ agent, event }: { readonly agent: number; readonly event: AgentEvent }) => {
    if (event.type === 'action' && traced.has(event.action.loadBalancerName)) {
      const error = event.error === undefined ? '' : ` (${event.error.code}: ${event.error.message})`;
      window.note(
        `    agent ${agent}: ${event.action.type} on ${event.action.loadBalancerName} ${event.result}${error}`,
      );
    }
    const key =
      event.type === 'action'
        ? `action ${event.result}`
        : event.type === 'reconcile'
          ? `reconcile ${event.result}`
          : event.type;
    counts[key] = (counts[key] ?? 0) + 1;
  };
  return { counts, onEvent };
};

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
  const window = createEventWindow(() => cluster.now() - startAt, options.verbose ? options.log : undefined);
  const traced = new Set(options.trace ?? []);
  const agents = countAgentEvents(traced, window);
  cluster.events$.subscribe(agents.onEvent);
  const watch = watchLoadBalancers({
    cluster,
    serviceOfLb: new Map(spec.services.map((s) => [s.loadBalancerName as string, s])),
    traced,
    window,
    onKill: (takenOver) => {
      count('killedBetweenDeleteAndCreate');
      if (takenOver) count('takenOverAfterKill');
    },
  });
  const violations = createViolationLog(options.log);
  const crashLooping = new Set<string>();
  const context = {
    cluster,
    spec,
    files,
    initialLoadBalancers,
    crashLooping,
    watch,
    window,
    violations,
    startAt,
  };
  let quietPeriods = 0;
  let unsettled = 0;

  const quiet = async (): Promise<void> => {
    quietPeriods += 1;
    if (!(await checkQuietPeriod(context, quietPeriods))) {
      unsettled += 1;
      return;
    }
    // A long run says how far it is, so that one stopped early still tells what it checked.
    if (quietPeriods % PROGRESS_EVERY === 0) {
      options.log(
        `progress: quiet period ${quietPeriods}, ${violations.violations.length} violation(s) so far, ${((cluster.now() - startAt) / 3_600_000).toFixed(1)} h virtual, ${((performance.now() - started) / 1000).toFixed(0)} s wall`,
      );
    }
    window.clear();
    violations.endPeriod();
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
    if (event.type === 'killOnNextDelete') watch.armKill();
    if (event.type === 'crashLoop') {
      if (event.on) crashLooping.add(event.service);
      else crashLooping.delete(event.service);
    }
    const outcome = applySoakEvent(cluster, files, event);
    window.note(`#${step.index} ${describeSoakEvent(event)}${outcome === undefined ? '' : ` (${outcome})`}`);
  }

  const virtualMs = cluster.now() - startAt;
  const awsCalls = cluster.calls().total;
  await cluster.stop();
  return {
    seed: options.seed,
    events: options.events,
    counts,
    quietPeriods,
    violations: violations.violations,
    virtualMs,
    wallMs: performance.now() - started,
    awsCalls,
    agent: agents.counts,
    unsettled,
    repeated: violations.repeated(),
  };
};
