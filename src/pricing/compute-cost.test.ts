import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeCost, formatUsd } from './compute-cost.js';

const sonnet = { inputPerMtok: 3, outputPerMtok: 15, cachedInputPerMtok: 0.3, cacheWritePerMtok: 3.75 };

test('prices uncached input, cache reads, cache writes and output separately', () => {
  // 1,000 prompt tokens of which 600 cached reads and 100 cache writes; 200 output tokens.
  const cost = computeCost({ prompt: 1000, completion: 200, cachedRead: 600, cacheWrite: 100, reasoning: 0 }, sonnet);
  const expected = (300 * 3 + 600 * 0.3 + 100 * 3.75 + 200 * 15) / 1e6;
  assert.equal(cost, Math.round(expected * 1e10) / 1e10);
});

test('reasoning tokens use the reasoning rate when set, the output rate otherwise', () => {
  const tokens = { prompt: 0, completion: 1000, cachedRead: 0, cacheWrite: 0, reasoning: 400 };
  assert.equal(computeCost(tokens, { inputPerMtok: 1, outputPerMtok: 10 }), 0.01);
  assert.equal(computeCost(tokens, { inputPerMtok: 1, outputPerMtok: 10, reasoningPerMtok: 20 }), (600 * 10 + 400 * 20) / 1e6);
});

test('formats the header value without exponent', () => {
  assert.equal(formatUsd(0.0000025), '0.0000025');
  assert.equal(formatUsd(0), '0');
  assert.equal(formatUsd(1.5), '1.5');
  assert.equal(formatUsd(10), '10', 'zeros before the point stay');
  assert.equal(formatUsd(100.05), '100.05');
  assert.equal(formatUsd(0.00000000001), '0', 'below the tenth decimal');
  assert.equal(formatUsd(0.1234567891), '0.1234567891');
});
