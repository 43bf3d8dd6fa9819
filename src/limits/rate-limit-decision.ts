import type { RateLimitDecision, WindowUsage } from './rate-limiter.js';
import type { WindowCheck } from './sliding-window.js';

/** Turns both windows' checks (null = no limit of that kind) into one decision; shared by both backends. */
export function buildDecision(
  requests: WindowCheck | null,
  tokens: WindowCheck | null,
  estimatedTokens: number,
): RateLimitDecision {
  const base = { requests: requests && toUsage(requests), tokens: tokens && toUsage(tokens) };
  const requestsFull = requests?.full === true;
  const tokensFull = tokens?.full === true;
  if (!requestsFull && !tokensFull) return { allowed: true, degraded: false, ...base };
  // The request fits only when both windows have room, so the wait is the longer of the two.
  const requestWait = requestsFull ? waitOf(requests) : 0;
  const tokenWait = tokensFull ? waitOf(tokens) : 0;
  const refusedBy = tokensFull && (!requestsFull || tokenWait > requestWait) ? 'tokens' : 'requests';
  const wait = Math.max(requestWait, tokenWait);
  return {
    allowed: false,
    refusedBy,
    estimatedTokens,
    retryAfterMs: wait === Number.POSITIVE_INFINITY ? null : wait,
    ...base,
  };
}

const waitOf = (check: WindowCheck | null): number => check?.retryAfterMs ?? Number.POSITIVE_INFINITY;

const toUsage = (check: WindowCheck): WindowUsage => ({
  limit: check.limit,
  used: check.used,
  remaining: Math.max(0, check.limit - check.used),
  resetMs: Math.max(0, check.resetMs),
});

/** What a limiter answers when its backend is down and it fails open: admitted, no counts to report. */
export const degradedDecision = (): RateLimitDecision => ({ allowed: true, degraded: true, requests: null, tokens: null });
