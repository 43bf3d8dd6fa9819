import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { BackendFailures } from './backend-failures.js';
import { closeRedisClient, createRedisClient } from './create-redis-client.js';
import type { LimitsBackend } from './limits.case.js';
import { RedisBudgetGuard } from './redis-budget-guard.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';

/** The CI machine's Redis (design.md §7); tests never touch keys outside their own prefix. */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** Deletes every key under a test run's prefix. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/**
 * A Redis backend for the shared suite: a unique key prefix per run, and a separate connection for
 * every limiter or guard, as separate gateway processes would have.
 */
export async function openRedisBackend(): Promise<LimitsBackend> {
  const prefix = `switchyard:test-${randomUUID()}:`;
  const failures = new BackendFailures((message) => {
    throw new Error(`unexpected backend failure in a test: ${message}`);
  });
  const clients: Redis[] = [];
  const connect = (): Redis => {
    // Generous: a loaded CI machine must not turn a slow first EVAL into a spurious failure.
    const client = createRedisClient(TEST_REDIS_URL, { commandTimeoutMs: 5_000 });
    clients.push(client);
    return client;
  };
  return {
    rateLimiters: (count) => Array.from({ length: count }, () => new RedisRateLimiter(connect(), { keyPrefix: prefix, failures })),
    budgetGuards: (count, options) =>
      Array.from({ length: count }, () => new RedisBudgetGuard(connect(), { ...options, keyPrefix: prefix, failures })),
    close: async () => {
      const cleaner = connect();
      await deleteKeys(cleaner, prefix);
      await Promise.all(clients.map((client) => closeRedisClient(client)));
    },
  };
}
