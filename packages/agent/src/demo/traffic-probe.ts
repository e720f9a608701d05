import type { World } from '@statika/sim';

/** A load balancer port the probe sends a request to. */
export interface ProbeTarget {
  readonly loadBalancerName: string;
  readonly loadBalancerPort: number;
}

/** What the probe saw since its last reset. */
export interface ProbeCounts {
  readonly probes: number;
  /** Requests that would have failed, outside a listener replacement. */
  readonly failed: number;
  /** Requests that failed while a listener was being replaced (between its delete and its create). */
  readonly failedDuringSwap: number;
}

export interface TrafficProbe {
  /** Probe these targets from now on, with fresh counts. */
  reset(targets: readonly ProbeTarget[]): void;
  counts(): ProbeCounts;
  stop(): void;
}

const key = (t: ProbeTarget): string => `${t.loadBalancerName}:${t.loadBalancerPort}`;

/**
 * The traffic a client would see: every `everyMs` of the world's clock, "would a request to this load
 * balancer port succeed now?" (`World.probe`) for each target. Calls `onChange` when a target starts or
 * stops answering, so a viewer sees traffic move, and counts failures for the summary.
 */
export const startTrafficProbe = (
  world: World,
  onChange: (target: ProbeTarget, ok: boolean) => void,
  everyMs = 100,
): TrafficProbe => {
  let targets: readonly ProbeTarget[] = [];
  let counts = { probes: 0, failed: 0, failedDuringSwap: 0 };
  const last = new Map<string, boolean>();
  // Load balancers between a DeleteLoadBalancerListeners and its CreateLoadBalancerListeners.
  const swapping = new Set<string>();
  const unsubscribe = world.onEvent((event) => {
    if (event.type !== 'loadBalancerChanged') return;
    if (event.operation === 'DeleteLoadBalancerListeners') swapping.add(event.loadBalancerName);
    if (event.operation === 'CreateLoadBalancerListeners') swapping.delete(event.loadBalancerName);
  });

  const probeAll = (): void => {
    for (const target of targets) {
      const ok = world.probe(target.loadBalancerName, target.loadBalancerPort);
      counts.probes += 1;
      if (!ok && swapping.has(target.loadBalancerName)) counts.failedDuringSwap += 1;
      else if (!ok) counts.failed += 1;
      if (last.get(key(target)) !== ok) {
        last.set(key(target), ok);
        onChange(target, ok);
      }
    }
  };

  let cancel = world.clock.setTimeout(function tick() {
    probeAll();
    cancel = world.clock.setTimeout(tick, everyMs);
  }, everyMs);

  return {
    reset: (next) => {
      targets = next;
      counts = { probes: 0, failed: 0, failedDuringSwap: 0 };
    },
    counts: () => ({ ...counts }),
    stop: () => {
      cancel();
      unsubscribe();
    },
  };
};
