import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryRateLimiter } from './memory-rate-limiter.js';

test('the periodic sweep of idle keys keeps keys whose window is still live', async () => {
  const limiter = new MemoryRateLimiter();
  const T0 = Date.UTC(2025, 0, 15, 12);
  await limiter.admit('busy', { rpm: 1, tpm: null }, 0, T0);
  await limiter.admit('idle', { rpm: 1, tpm: null }, 0, T0 - 120_000);
  // Enough admits on other keys to trigger a sweep.
  for (let index = 0; index < 10_000; index += 1) await limiter.admit(`other-${index % 50}`, { rpm: 1_000, tpm: null }, 0, T0 + 30_000);
  assert.equal((await limiter.admit('busy', { rpm: 1, tpm: null }, 0, T0 + 30_000)).allowed, false);
  assert.equal((await limiter.admit('idle', { rpm: 1, tpm: null }, 0, T0 + 30_000)).requests?.used, 1);
});
