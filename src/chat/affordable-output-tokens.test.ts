import assert from 'node:assert/strict';
import { test } from 'node:test';
import { zeroTokens } from '../core/usage.js';
import { computeCost } from '../pricing/compute-cost.js';
import { affordableOutputTokens } from './affordable-output-tokens.js';

const GPT_4O = { inputPerMtok: 2.5, outputPerMtok: 10 };
const cost = (prompt: number, completion: number) => computeCost({ ...zeroTokens(), prompt, completion }, GPT_4O);

test('what remains after the prompt, at the output rate, rounded down', () => {
  // $0.0099 − 12 prompt tokens ($0.00003) = $0.00987 = 987 output tokens at $10 per million.
  assert.equal(affordableOutputTokens(0.0099, 12, GPT_4O), 987);
  assert.ok(cost(12, 987) <= 0.0099 && cost(12, 988) > 0.0099);
});

test('the answer always fits when priced the way admission prices a call', () => {
  for (const remaining of [0.00001, 0.0001234567, 0.003, 0.0123456789, 1.1]) {
    for (const prompt of [0, 7, 1_000]) {
      const tokens = affordableOutputTokens(remaining, prompt, GPT_4O);
      assert.ok(tokens !== null);
      if (tokens > 0) assert.ok(cost(prompt, tokens) <= remaining, `${remaining}/${prompt}: ${tokens}`);
      assert.ok(cost(prompt, tokens + 1) > remaining, `${remaining}/${prompt}: ${tokens} is the most`);
    }
  }
});

test('none when the prompt alone costs more than remains; null when output is free', () => {
  assert.equal(affordableOutputTokens(0.00001, 10_000, GPT_4O), 0);
  assert.equal(affordableOutputTokens(1, 10, { inputPerMtok: 1, outputPerMtok: 0 }), null);
});
