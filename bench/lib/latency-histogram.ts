/**
 * A fixed-size latency histogram with sub-millisecond resolution (autocannon's own histogram keeps
 * whole milliseconds, too coarse for a 0.07 ms loopback call): 1 µs buckets below 10 ms, 100 µs
 * buckets up to 10 s, one overflow bucket above.
 */
const fineLimitMs = 10;
const fineBuckets = 10_000;
const coarseBuckets = 99_900;
const totalBuckets = fineBuckets + coarseBuckets + 1;

function bucketOf(ms: number): number {
  if (ms < fineLimitMs) return Math.max(0, Math.floor(ms * 1000));
  return Math.min(totalBuckets - 1, fineBuckets + Math.floor((ms - fineLimitMs) * 10));
}

function valueOf(bucket: number): number {
  if (bucket < fineBuckets) return (bucket + 0.5) / 1000;
  return fineLimitMs + (bucket - fineBuckets + 0.5) / 10;
}

export class LatencyHistogram {
  private readonly counts = new Uint32Array(totalBuckets);
  private total = 0;

  record(ms: number): void {
    const bucket = bucketOf(ms);
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
    this.total += 1;
  }

  get count(): number {
    return this.total;
  }

  /** The value at `quantile` (0..1) in milliseconds, or NaN when empty. */
  percentile(quantile: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(quantile * this.total));
    let seen = 0;
    for (let bucket = 0; bucket < totalBuckets; bucket += 1) {
      seen += this.counts[bucket] ?? 0;
      if (seen >= rank) return valueOf(bucket);
    }
    return valueOf(totalBuckets - 1);
  }
}
