import type { Spec } from '@statika/core';
import { describeServiceStatus, needsChange } from '@statika/core';
import type { SimCluster } from '../../src/sim-cluster/sim-cluster.js';
import { restoreFile, type SoakFiles } from './apply-event.js';
import type { ClusterView } from './cluster-view.js';
import type { EventWindow } from './event-window.js';
import {
  checkConverged,
  checkListenersKept,
  checkRegisteredHaveCandidates,
  checkTraffic,
  findAlternations,
  type Violation,
} from './invariants.js';
import type { LoadBalancerWatch } from './load-balancer-watch.js';
import type { ViolationLog } from './violation-log.js';

/** How long ECS may take to settle after a quiet period starts (stop timeouts, health checks, replacements). */
const SETTLE_TIMEOUT_MS = 10 * 60_000;
/** The resync jitter is ±10 %; a local-watch poll and the reconcile itself are the slack. */
const JITTER = 1.1;
const SLACK_MS = 2000;

export interface QuietPeriodContext {
  readonly cluster: SimCluster;
  readonly spec: Spec;
  readonly files: SoakFiles;
  /** The load balancers as the soak started: their listeners must keep their policies. */
  readonly initialLoadBalancers: ClusterView['loadBalancers'];
  /** Services the events left crash-looping: a quiet period ends it. */
  readonly crashLooping: Set<string>;
  readonly watch: LoadBalancerWatch;
  readonly window: EventWindow;
  readonly violations: ViolationLog;
  /** Virtual ms the soak started at. */
  readonly startAt: number;
}

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

/** Faults cleared, both files restored, crash loops ended, every agent running. */
const calm = (context: QuietPeriodContext): void => {
  const { cluster, files } = context;
  cluster.world.clearFaults();
  context.watch.disarmKill();
  restoreFile(cluster, files, 'configuration');
  restoreFile(cluster, files, 'services');
  for (const service of context.crashLooping) cluster.world.crashLoop(service, false);
  context.crashLooping.clear();
  cluster.hosts.forEach((_, i) => {
    if (!cluster.isRunning(i)) cluster.startAgent(i);
  });
};

/** Why the cluster did not converge: every service an agent reports out of sync, every agent not ready. */
const notConverged = (cluster: SimCluster): Violation[] => {
  const agents = cluster.hosts.flatMap((id, i) =>
    (cluster.status(i)?.services ?? []).filter(needsChange).map((s) => ({
      invariant: 'converged' as const,
      subject: s.serviceName,
      message: `agent ${i} (${id}) reports ${s.state}: ${describeServiceStatus(s)}${s.lastError ? `; last error ${s.lastError.error.code}: ${s.lastError.error.message}` : ''}`,
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
  return [...agents, ...notReady];
};

/**
 * One quiet period: calm the cluster, let ECS settle, then check the invariants (converged in time,
 * listeners kept, registered hosts have candidates, stable for a resync, traffic served, no flapping).
 * False when ECS itself did not settle: the period is not checked.
 */
export const checkQuietPeriod = async (context: QuietPeriodContext, period: number): Promise<boolean> => {
  const { cluster, spec, watch, window } = context;
  const { world } = cluster;
  const resyncMs = spec.configuration.sleepTimeSeconds * 1000;
  const settleMs = spec.configuration.settleTimeSeconds * 1000;
  const view = (): ClusterView => world.snapshot();
  const report = (found: readonly Violation[]) =>
    context.violations.report(found, {
      quietPeriod: period,
      at: cluster.now() - context.startAt,
      events: window.lines(),
    });

  calm(context);
  const quietAt = cluster.now();
  window.note(`quiet period ${period}: faults cleared, files restored, every agent running`);

  const settled = await cluster.runUntil(() => ecsSettled(world.internals.ecs.tasks()), {
    timeoutMs: SETTLE_TIMEOUT_MS,
  });
  if (!settled) {
    window.note('  ECS did not settle within 10 minutes: this period is not checked');
    return false;
  }
  const settledAt = cluster.now();
  watch.startRecording(settledAt);
  // Two resyncs from the last fault, or from the moment the last new task can become ready.
  const deadline = Math.max(quietAt, settledAt + settleMs) + 2 * resyncMs * JITTER + SLACK_MS;
  const converged = () => cluster.allInSync() && checkConverged(view(), spec).length === 0;
  // Until every task has been running for the settle time a newer task may still take over: a move then is no flapping.
  await cluster.advance(Math.max(0, settledAt + settleMs - cluster.now()));
  const ok = await cluster.runUntil(converged, { timeoutMs: Math.max(0, deadline - cluster.now()) });
  window.note(
    `  ECS settled after ${((settledAt - quietAt) / 1000).toFixed(1)} s, ${ok ? 'converged' : 'NOT converged'} after ${((cluster.now() - quietAt) / 1000).toFixed(1)} s`,
  );
  if (!ok) report([...checkConverged(view(), spec), ...notConverged(cluster)]);
  const snapshot = view();
  report(checkListenersKept(context.initialLoadBalancers, snapshot.loadBalancers));
  report(checkRegisteredHaveCandidates(snapshot, spec.services));
  if (ok) {
    watch.clearChanges();
    await cluster.advance(resyncMs * JITTER + SLACK_MS);
    const changes = watch.changes();
    if (changes.length > 0) {
      report([
        {
          invariant: 'stable',
          subject: 'cluster',
          message: `${changes.length} load balancer change(s) in the resync after convergence: ${changes.slice(0, 6).join(', ')}`,
        },
      ]);
    }
    // More than HealthyThreshold x Interval (2 x 5 s) has passed since the last change: every instance is InService.
    report(checkTraffic(view(), spec.services, (name, port) => world.probe(name, port)));
  }
  report(findAlternations(watch.moves()));
  watch.stopRecording();
  return true;
};
