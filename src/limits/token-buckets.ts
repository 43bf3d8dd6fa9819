import { bucketExpiry, firstLiveBucket, tokenBucketOf, type WindowCheck } from './sliding-window.js';

/** One key's token counts per one-second bucket, for the in-memory TPM window (see sliding-window.ts). */
export class TokenBuckets {
  private readonly buckets = new Map<number, number>();

  add(now: number, tokens: number): void {
    this.prune(now);
    const bucket = tokenBucketOf(now);
    this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + tokens);
  }

  /** Same rule as the Lua script: refuse when used + max(estimate, 1) > limit. */
  check(limit: number, estimatedTokens: number, now: number): WindowCheck {
    this.prune(now);
    // One pass for the sum and the newest bucket; the buckets are sorted only for a refusal's wait.
    let used = 0;
    let newest = Number.NEGATIVE_INFINITY;
    for (const [bucket, tokens] of this.buckets) {
      used += tokens;
      if (bucket > newest) newest = bucket;
    }
    const resetMs = this.buckets.size === 0 ? 0 : bucketExpiry(newest) - now;
    const needed = Math.max(estimatedTokens, 1);
    const full = used + needed > limit;
    let retryAfterMs: number | null = null;
    if (full && needed <= limit) {
      let left = used;
      for (const [bucket, tokens] of [...this.buckets].sort((a, b) => a[0] - b[0])) {
        left -= tokens;
        if (left + needed <= limit) {
          retryAfterMs = bucketExpiry(bucket) - now;
          break;
        }
      }
    }
    return { limit, used, full, resetMs, retryAfterMs };
  }

  isEmptyAt(now: number): boolean {
    this.prune(now);
    return this.buckets.size === 0;
  }

  private prune(now: number): void {
    const first = firstLiveBucket(now);
    for (const bucket of this.buckets.keys()) if (bucket < first) this.buckets.delete(bucket);
  }
}
