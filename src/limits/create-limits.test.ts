import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { closeRedisClient, createRedisClient } from './create-redis-client.js';
import { createLimits } from './create-limits.js';
import { MemoryBudgetGuard } from './memory-budget-guard.js';
import { MemoryRateLimiter } from './memory-rate-limiter.js';
import { RedisBudgetGuard } from './redis-budget-guard.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';
import { deleteKeys, TEST_REDIS_URL } from './redis-test-backend.js';

test('without a Redis URL the limits live in memory', async () => {
  const limits = createLimits({ redisUrl: null });
  assert.ok(limits.rateLimiter instanceof MemoryRateLimiter);
  assert.ok(limits.budgetGuard instanceof MemoryBudgetGuard);
  await limits.close();
});

test('with a Redis URL two services (two processes) share one limit, under the switchyard: namespace', async () => {
  const keyPrefix = `switchyard:test-${randomUUID()}:`;
  const [first, second] = [createLimits({ redisUrl: TEST_REDIS_URL, keyPrefix }), createLimits({ redisUrl: TEST_REDIS_URL, keyPrefix })];
  assert.ok(first.rateLimiter instanceof RedisRateLimiter);
  assert.ok(first.budgetGuard instanceof RedisBudgetGuard);
  const now = Date.now();
  assert.equal((await first.rateLimiter.admit('key-1', { rpm: 1, tpm: null }, 0, now)).allowed, true);
  assert.equal((await second.rateLimiter.admit('key-1', { rpm: 1, tpm: null }, 0, now)).allowed, false);
  const inspector = createRedisClient(TEST_REDIS_URL);
  const keys = await inspector.keys(`${keyPrefix}*`);
  assert.deepEqual(keys, [`${keyPrefix}ratelimit:{key-1}:requests`]);
  await deleteKeys(inspector, keyPrefix);
  await Promise.all([first.close(), second.close(), closeRedisClient(inspector)]);
});
