/**
 * A token bucket as AWS describes its API throttling: the bucket holds at most `burst` tokens, every
 * request takes one, and tokens come back at `refillPerSecond` (fractions accrue continuously). A request
 * that finds the bucket empty is throttled and takes nothing. Time is passed in (the world's clock), so
 * the bucket works the same on real and virtual time.
 */
export interface TokenBucketSpec {
  /** The bucket's maximum capacity: the most requests allowed at once after a quiet period. */
  readonly burst: number;
  /** The sustained rate: tokens added back every second, up to `burst`. */
  readonly refillPerSecond: number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly spec: TokenBucketSpec,
    now: number,
  ) {
    this.tokens = spec.burst;
    this.updatedAt = now;
  }

  /** Takes a token at `now` (epoch ms): true when there was one, false when the request is throttled. */
  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Tokens available at `now`. */
  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  private refill(now: number): void {
    const elapsedMs = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.spec.burst, this.tokens + (elapsedMs * this.spec.refillPerSecond) / 1000);
    this.updatedAt = Math.max(this.updatedAt, now);
  }
}
