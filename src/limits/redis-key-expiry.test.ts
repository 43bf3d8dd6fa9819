import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { BackendFailures } from './backend-failures.js';
import { closeRedisClient, createRedisClient } from './create-redis-client.js';
import { periodStart } from './period-start.js';
import { RedisBudgetGuard } from './redis-budget-guard.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';
import { deleteKeys, TEST_REDIS_URL } from './redis-test-backend.js';

test('every Redis key expires (Redis never fills up), except lifetime spend', async (t) => {
  const keyPrefix = `switchyard:test-${randomUUID()}:`;
  const redis = createRedisClient(TEST_REDIS_URL);
  t.after(async () => {
    await deleteKeys(redis, keyPrefix);
    await closeRedisClient(redis);
  });
  const failures = new BackendFailures((message) => assert.fail(message));
  const rateLimiter = new RedisRateLimiter(redis, { keyPrefix, failures });
  const budgetGuard = new RedisBudgetGuard(redis, { keyPrefix, failures, reservationTtlMs: 90_000 });
  const now = Date.now();
  await rateLimiter.admit('key-1', { rpm: 5, tpm: 100 }, 1, now);
  await rateLimiter.recordTokens('key-1', 10, now);
  const daily = await budgetGuard.reserve('key-1', { budgetUsd: 1, period: 'day' }, { amountUsd: 0.1, capToRemaining: false }, now);
  if (daily.allowed) await budgetGuard.settle(daily.reservation, 0.1, now);
  await budgetGuard.reserve('key-1', { budgetUsd: 1, period: 'month' }, { amountUsd: 0.1, capToRemaining: false }, now);
  await budgetGuard.seed('key-2', 'week', periodStart('week', now), 0.5);
  const lifetime = await budgetGuard.reserve('key-3', { budgetUsd: 1, period: null }, { amountUsd: 0.1, capToRemaining: false }, now);
  if (lifetime.allowed) await budgetGuard.settle(lifetime.reservation, 0.1, now);

  const ttls = new Map<string, number>();
  for (const key of await redis.keys(`${keyPrefix}*`)) ttls.set(key.slice(keyPrefix.length), await redis.pttl(key));
  const day = periodStart('day', now);
  const within = (name: string, low: number, high: number) => {
    const ttl = ttls.get(name);
    assert.ok(ttl !== undefined && ttl > low && ttl <= high, `${name}: ${ttl}`);
  };
  within('ratelimit:{key-1}:requests', 55_000, 61_000);
  within('ratelimit:{key-1}:tokens', 55_000, 62_000);
  within('budget:{key-1}:held', 80_000, 90_000);
  within(`budget:{key-1}:spent:day:${day}`, 0, 86_400_000 + 3_600_000);
  within(`budget:{key-2}:spent:week:${periodStart('week', now)}`, 7 * 86_400_000, 7 * 86_400_000 + 3_600_000);
  assert.equal(ttls.get('budget:{key-3}:spent:lifetime:0'), -1);
  assert.equal(await redis.get(`${keyPrefix}budget:{key-3}:spent:lifetime:0`), '100000000');
});

test('the scripts survive a SCRIPT FLUSH (EVALSHA falls back to EVAL)', async (t) => {
  const keyPrefix = `switchyard:test-${randomUUID()}:`;
  const redis = createRedisClient(TEST_REDIS_URL);
  t.after(async () => {
    await deleteKeys(redis, keyPrefix);
    await closeRedisClient(redis);
  });
  const rateLimiter = new RedisRateLimiter(redis, { keyPrefix, failures: new BackendFailures((message) => assert.fail(message)) });
  const now = Date.now();
  await rateLimiter.admit('key-1', { rpm: 2, tpm: null }, 0, now);
  await redis.script('FLUSH');
  assert.equal((await rateLimiter.admit('key-1', { rpm: 2, tpm: null }, 0, now)).requests?.used, 2);
});
