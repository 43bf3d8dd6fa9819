import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { BackendFailures } from './backend-failures.js';
import { admitScript, recordTokensScript } from './rate-limit-scripts.js';
import { buildDecision, degradedDecision } from './rate-limit-decision.js';
import type { RateLimitDecision, RateLimiter, RateLimits } from './rate-limiter.js';
import { integerReply } from './redis-script.js';
import { TOKEN_BUCKET_MS, WINDOW_MS, type WindowCheck } from './sliding-window.js';

export interface RedisRateLimiterOptions {
  /** Namespace of every key; tests use a unique one per run. */
  keyPrefix?: string;
  failures: BackendFailures;
}

/**
 * The limiter shared by every gateway instance: one Lua script per admit, so two processes sharing a
 * 100-RPM limit admit exactly 100. Fails open: when Redis is unreachable the request goes through
 * unchecked (decision.degraded) and the failure is counted and logged — a Redis outage should not
 * take the gateway down, and RPM/TPM protect capacity, not money (budgets do that, and fail closed).
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly prefix: string;
  private readonly failures: BackendFailures;
  // Request-log members must be unique across instances: instance id + a local sequence.
  private readonly instanceId = randomUUID();
  private sequence = 0;

  constructor(
    private readonly redis: Redis,
    options: RedisRateLimiterOptions,
  ) {
    this.prefix = options.keyPrefix ?? 'switchyard:';
    this.failures = options.failures;
  }

  async admit(keyId: string, limits: RateLimits, estimatedTokens: number, now: number): Promise<RateLimitDecision> {
    const estimate = Math.max(0, Math.round(estimatedTokens));
    if (limits.rpm === null && limits.tpm === null) return buildDecision(null, null, estimate);
    this.sequence += 1;
    const args = [now, limits.rpm ?? -1, limits.tpm ?? -1, estimate, `${now}:${this.instanceId}:${this.sequence}`, WINDOW_MS, TOKEN_BUCKET_MS];
    let reply: number[];
    try {
      reply = integerReply(await admitScript.run(this.redis, this.keys(keyId), args), 8);
    } catch (error) {
      this.failures.report('rate limit check', 'failed open', error);
      return degradedDecision();
    }
    const [requestsFull, requestsUsed, requestsReset, requestsRetry, tokensFull, tokensUsed, tokensReset, tokensRetry] = reply;
    const requests = limits.rpm === null ? null : check(limits.rpm, requestsFull, requestsUsed, requestsReset, requestsRetry);
    const tokens = limits.tpm === null ? null : check(limits.tpm, tokensFull, tokensUsed, tokensReset, tokensRetry);
    return buildDecision(requests, tokens, estimate);
  }

  async recordTokens(keyId: string, tokens: number, now: number): Promise<void> {
    const rounded = Math.round(tokens);
    if (rounded <= 0) return;
    try {
      const [, tokenKey] = this.keys(keyId);
      await recordTokensScript.run(this.redis, [tokenKey], [now, rounded, TOKEN_BUCKET_MS, WINDOW_MS]);
    } catch (error) {
      this.failures.report('token accounting', 'skipped', error);
    }
  }

  /** The {keyId} hash tag keeps both keys in one Redis Cluster slot, as a multi-key script requires. */
  private keys(keyId: string): [string, string] {
    const base = `${this.prefix}ratelimit:{${keyId}}`;
    return [`${base}:requests`, `${base}:tokens`];
  }
}

function check(
  limit: number,
  full: number | undefined,
  used: number | undefined,
  resetMs: number | undefined,
  retryMs: number | undefined,
): WindowCheck {
  return {
    limit,
    used: used ?? 0,
    full: full === 1,
    resetMs: resetMs ?? 0,
    retryAfterMs: retryMs === undefined || retryMs < 0 ? null : retryMs,
  };
}
