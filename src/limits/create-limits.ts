import type { AdmissionLease } from './admission-lease.js';
import { BackendFailures } from './backend-failures.js';
import type { BudgetGuard, SpendLoader } from './budget-guard.js';
import type { BudgetGuardOptions } from './budget-policy.js';
import { closeRedisClient, createRedisClient } from './create-redis-client.js';
import { MemoryBudgetGuard } from './memory-budget-guard.js';
import { MemoryRateLimiter } from './memory-rate-limiter.js';
import type { RateLimiter } from './rate-limiter.js';
import { RedisBudgetGuard } from './redis-budget-guard.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';

export interface LimitsOptions {
  /** SWITCHYARD_REDIS_URL / redis.url: shared limits across instances; null keeps them in memory. */
  redisUrl: string | null;
  /** How long an unsettled reservation holds budget; set it to the routing timeout plus a margin. */
  reservationTtlMs?: number;
  /** Reads committed spend from the store when a period has none recorded (see BudgetGuardOptions). */
  loadSpend?: SpendLoader;
  /** Budgets fail closed (503) when their store is unreachable unless this is true. */
  budgetFailOpen?: boolean;
  /** Bound on each Redis command, queueing included (default 1 s). */
  commandTimeoutMs?: number;
  /** Redis key namespace (default "switchyard:"). */
  keyPrefix?: string;
  /** Where backend-failure warnings go (the composition root passes its logger). */
  warn?: (message: string) => void;
}

export interface Limits {
  rateLimiter: RateLimiter;
  budgetGuard: BudgetGuard;
  /** Set in a cluster worker without Redis: leases from the primary answer most admissions here. */
  lease?: AdmissionLease;
  /** Backend failures so far (fail-open admissions, fail-closed refusals, skipped writes), for /metrics. */
  failures: BackendFailures;
  close(): Promise<void>;
}

/** Limits held in this process's memory: one gateway, or the cluster primary that leases them out. */
export interface MemoryLimits extends Limits {
  rateLimiter: MemoryRateLimiter;
  budgetGuard: MemoryBudgetGuard;
}

/** The in-memory limits (createLimits without Redis), typed as such. */
export function createMemoryLimits(options: Omit<LimitsOptions, 'redisUrl' | 'commandTimeoutMs' | 'keyPrefix'>): MemoryLimits {
  const guardOptions = guardOptionsOf(options);
  return {
    rateLimiter: new MemoryRateLimiter(),
    budgetGuard: new MemoryBudgetGuard(guardOptions),
    failures: guardOptions.failures,
    close: async () => {},
  };
}

function guardOptionsOf(options: Omit<LimitsOptions, 'redisUrl'>): BudgetGuardOptions {
  return {
    failures: new BackendFailures(options.warn ?? ((message) => console.warn(message))),
    ...(options.reservationTtlMs === undefined ? {} : { reservationTtlMs: options.reservationTtlMs }),
    ...(options.loadSpend === undefined ? {} : { loadSpend: options.loadSpend }),
    failOpen: options.budgetFailOpen ?? false,
  };
}

/** Builds the limit services once, for the composition root. */
export function createLimits(options: LimitsOptions): Limits {
  if (options.redisUrl === null) return createMemoryLimits(options);
  const guardOptions = guardOptionsOf(options);
  const failures = guardOptions.failures;
  const redis = createRedisClient(options.redisUrl, {
    ...(options.commandTimeoutMs === undefined ? {} : { commandTimeoutMs: options.commandTimeoutMs }),
    onError: (error) => failures.report('redis connection', 'lost', error),
  });
  const keyPrefix = options.keyPrefix ?? 'switchyard:';
  return {
    rateLimiter: new RedisRateLimiter(redis, { keyPrefix, failures }),
    budgetGuard: new RedisBudgetGuard(redis, { ...guardOptions, keyPrefix }),
    failures,
    close: () => closeRedisClient(redis),
  };
}
