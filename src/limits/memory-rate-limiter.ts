import { buildDecision } from './rate-limit-decision.js';
import type { ImmediateRateLimiter, RateLimitDecision, RateLimiter, RateLimits } from './rate-limiter.js';
import { WINDOW_MS, type WindowCheck } from './sliding-window.js';
import { TimestampLog } from './timestamp-log.js';
import { TokenBuckets } from './token-buckets.js';

const SWEEP_EVERY_ADMITS = 10_000;

interface KeyWindows {
  requests: TimestampLog;
  tokens: TokenBuckets;
}

/**
 * The single-process limiter. Each admit runs synchronously (no await between check and count), which
 * is what makes it atomic on Node's one thread. State is one small record per key that has been used.
 */
export class MemoryRateLimiter implements RateLimiter, ImmediateRateLimiter {
  private readonly windows = new Map<string, KeyWindows>();
  private admitsSinceSweep = 0;
  readonly immediate: ImmediateRateLimiter = this;

  async admit(keyId: string, limits: RateLimits, estimatedTokens: number, now: number): Promise<RateLimitDecision> {
    return this.admitNow(keyId, limits, estimatedTokens, now);
  }

  async recordTokens(keyId: string, tokens: number, now: number): Promise<void> {
    this.recordTokensNow(keyId, tokens, now);
  }

  admitNow(keyId: string, limits: RateLimits, estimatedTokens: number, now: number): RateLimitDecision {
    const estimate = Math.max(0, Math.round(estimatedTokens));
    if (limits.rpm === null && limits.tpm === null) return buildDecision(null, null, estimate);
    this.sweepNow(now);
    const windows = this.windowsOf(keyId);
    const requests = limits.rpm === null ? null : checkRequests(windows.requests, limits.rpm, now);
    const tokens = limits.tpm === null ? null : windows.tokens.check(limits.tpm, estimate, now);
    if (requests !== null && !requests.full && tokens?.full !== true) {
      windows.requests.add(now);
      requests.used += 1;
      requests.resetMs = (windows.requests.newest() ?? now) + WINDOW_MS - now;
    }
    return buildDecision(requests, tokens, estimate);
  }

  recordTokensNow(keyId: string, tokens: number, now: number): void {
    const rounded = Math.round(tokens);
    if (rounded > 0) this.windowsOf(keyId).tokens.add(now, rounded);
  }

  /**
   * Counts `count` requests more at `stampAt`: the slots of a lease a cluster worker may admit on its
   * own until `stampAt` (lease-grantor.ts). Each counts as if made at the latest moment it can be
   * used, so the window never holds fewer than what was really admitted in it.
   */
  stampNow(keyId: string, stampAt: number, count: number): void {
    if (count > 0) this.windowsOf(keyId).requests.addMany(stampAt, count);
  }

  /** Takes back `count` slots stamped at `stampAt` that were never used. */
  unstampNow(keyId: string, stampAt: number, count: number): void {
    if (count > 0) this.windows.get(keyId)?.requests.removeMany(stampAt, count);
  }

  /**
   * Now and then, forget keys idle for a whole window, so that a key used once at 10,000 RPM does not
   * keep 10,000 timestamps for the life of the process.
   */
  private sweepNow(now: number): void {
    this.admitsSinceSweep += 1;
    if (this.admitsSinceSweep < SWEEP_EVERY_ADMITS) return;
    this.admitsSinceSweep = 0;
    for (const [keyId, windows] of this.windows) {
      if ((windows.requests.newest() ?? 0) <= now - WINDOW_MS && windows.tokens.isEmptyAt(now)) this.windows.delete(keyId);
    }
  }

  private windowsOf(keyId: string): KeyWindows {
    let windows = this.windows.get(keyId);
    if (windows === undefined) {
      windows = { requests: new TimestampLog(), tokens: new TokenBuckets() };
      this.windows.set(keyId, windows);
    }
    return windows;
  }
}

/** Same rule as the Lua script: full when `limit` requests already sit in the window. */
function checkRequests(log: TimestampLog, limit: number, now: number): WindowCheck {
  log.prune(now - WINDOW_MS);
  const used = log.size;
  const newest = log.newest();
  const full = used >= limit;
  // After the (used - limit)-th oldest entry leaves, there are limit - 1 left: room for one more.
  const freeing = full ? log.at(used - limit) : undefined;
  return {
    limit,
    used,
    full,
    resetMs: newest === undefined ? 0 : newest + WINDOW_MS - now,
    retryAfterMs: freeing === undefined ? null : freeing + WINDOW_MS - now,
  };
}
