import type { SimClock } from './clock.js';
import { targetPort } from './health-check-rules.js';
import { afterCheck, type HealthRecord, registering } from './instance-health.js';
import type { SimLoadBalancer } from './load-balancer.js';
import type { Emit } from './sim-event.js';

/** A load balancer with the health of its registered instances. */
export interface CheckedLoadBalancer {
  readonly lb: SimLoadBalancer;
  readonly health: Map<string, HealthRecord>;
}

/**
 * The ELB's health checks: every `Interval`, each registered instance is probed at the target's port;
 * InService after HealthyThreshold passes in a row, OutOfService after UnhealthyThreshold failures.
 */
export class ElbHealthChecks {
  private readonly timers = new Map<string, () => void>();

  constructor(
    private readonly clock: SimClock,
    private readonly emit: Emit,
    /** The health check at this port of this instance passes. */
    private readonly healthy: (instanceId: string, port: number) => boolean,
    private readonly loadBalancer: (name: string) => CheckedLoadBalancer | undefined,
  ) {}

  /** Would the instance pass the load balancer's health check now? */
  passes(lb: SimLoadBalancer, instanceId: string): boolean {
    const port = targetPort(lb.healthCheck.target);
    return port !== undefined && this.healthy(instanceId, port);
  }

  /** Checks the load balancer every Interval (read again before each wait) until closed. */
  schedule(name: string): void {
    const checked = this.loadBalancer(name);
    if (checked === undefined) return;
    const cancel = this.clock.setTimeout(() => {
      this.run(name);
      this.schedule(name);
    }, checked.lb.healthCheck.interval * 1000);
    this.timers.set(name, cancel);
  }

  close(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  private run(name: string): void {
    const checked = this.loadBalancer(name);
    if (checked === undefined) return;
    for (const id of checked.lb.instances) {
      const before = checked.health.get(id) ?? registering();
      const health = afterCheck(before, this.passes(checked.lb, id), checked.lb.healthCheck);
      checked.health.set(id, health);
      if (health.state !== before.state) {
        this.emit({
          type: 'instanceHealth',
          loadBalancerName: name,
          instanceId: id,
          state: health.state,
          before: before.state,
        });
      }
    }
  }
}
