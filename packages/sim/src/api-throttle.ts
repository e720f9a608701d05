import type { SimService } from './sim-service.js';
import { TokenBucket } from './token-bucket.js';
import type { ThrottlingSpec } from './world-spec.js';

/**
 * Account-wide API throttling: one token bucket per category of calls, shared by every caller of the
 * account and Region (every agent, like every other tool, draws on it). ECS and ELB document token
 * buckets per kind of action; S3 documents a request rate per prefix.
 */
/** The categories are the scenario's `throttling` fields. */
export type ThrottleCategory = keyof ThrottlingSpec;

export const throttleCategories: readonly ThrottleCategory[] = [
  'ecsReads',
  'ecsWrites',
  'elbReads',
  'elbWrites',
  's3GetObject',
];

/** Which bucket a call spends from, or none (the hosts' IMDS and ECS agent, S3 calls other than reads). */
export const throttleCategory = (service: SimService, operation: string): ThrottleCategory | undefined => {
  const reads = /^(Describe|List)/.test(operation);
  switch (service) {
    case 'ecs':
      return reads ? 'ecsReads' : 'ecsWrites';
    case 'elb':
      return reads ? 'elbReads' : 'elbWrites';
    case 's3':
      return operation === 'GetObject' || operation === 'HeadObject' ? 's3GetObject' : undefined;
    case 'imds':
    case 'agent':
      return undefined;
  }
};

/** How AWS answers a throttled call of each API (AWS-NOTES: ECS and ELB answer 400, S3 503). */
export const throttlingError: Readonly<
  Record<'ecs' | 'elb' | 's3', { readonly code: string; readonly status: number; readonly message: string }>
> = {
  ecs: { code: 'ThrottlingException', status: 400, message: 'Rate exceeded' },
  elb: { code: 'Throttling', status: 400, message: 'Rate exceeded' },
  s3: { code: 'SlowDown', status: 503, message: 'Please reduce your request rate.' },
};

/** Calls throttled so far, by category, and in all. */
export interface ThrottledCounts {
  readonly total: number;
  readonly byCategory: Readonly<Partial<Record<ThrottleCategory, number>>>;
}

export class ApiThrottle {
  private buckets = new Map<ThrottleCategory, TokenBucket>();
  private throttled = new Map<ThrottleCategory, number>();

  constructor(spec: ThrottlingSpec | undefined, now: number) {
    this.configure(spec, now);
  }

  /** New buckets (full) for the given spec; `undefined` turns throttling off. */
  configure(spec: ThrottlingSpec | undefined, now: number): void {
    this.buckets.clear();
    for (const category of throttleCategories) {
      const bucket = spec?.[category];
      if (bucket !== undefined) this.buckets.set(category, new TokenBucket(bucket, now));
    }
  }

  /** Spends a token for this call; true when the call must be answered with the throttling error. */
  throttles(service: SimService, operation: string, now: number): boolean {
    const category = throttleCategory(service, operation);
    const bucket = category === undefined ? undefined : this.buckets.get(category);
    if (category === undefined || bucket === undefined || bucket.take(now)) return false;
    this.throttled.set(category, (this.throttled.get(category) ?? 0) + 1);
    return true;
  }

  counts(): ThrottledCounts {
    const byCategory = Object.fromEntries(this.throttled);
    return { total: [...this.throttled.values()].reduce((a, b) => a + b, 0), byCategory };
  }

  resetCounts(): void {
    this.throttled.clear();
  }
}
