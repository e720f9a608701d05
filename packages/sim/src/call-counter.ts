import { isAwsService, type SimService } from './sim-service.js';

/** Calls received, faulted ones included (AWS counts those against rate limits too). */
export interface CallCounts {
  /** ECS, ELB and S3 calls: what benchmarks compare. */
  readonly total: number;
  /** By `<service>:<Operation>`, e.g. `elb:DescribeLoadBalancers`, `ecs:ListTasks`, `imds:GetToken`. */
  readonly byOperation: Readonly<Record<string, number>>;
  readonly byService: Readonly<Partial<Record<SimService, number>>>;
}

export class CallCounter {
  private counts = new Map<string, { service: SimService; count: number }>();

  record(service: SimService, operation: string): void {
    const key = `${service}:${operation}`;
    const entry = this.counts.get(key) ?? { service, count: 0 };
    this.counts.set(key, { service, count: entry.count + 1 });
  }

  reset(): void {
    this.counts.clear();
  }

  snapshot(): CallCounts {
    const byOperation: Record<string, number> = {};
    const byService: Partial<Record<SimService, number>> = {};
    let total = 0;
    for (const [key, { service, count }] of [...this.counts].sort(([a], [b]) => a.localeCompare(b))) {
      byOperation[key] = count;
      byService[service] = (byService[service] ?? 0) + count;
      if (isAwsService(service)) total += count;
    }
    return { total, byOperation, byService };
  }
}
