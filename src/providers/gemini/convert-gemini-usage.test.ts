import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertGeminiUsage } from './convert-gemini-usage.js';

test('prompt includes cached and tool-use prompt tokens; completion = candidates + thoughts; reasoning = thoughts', () => {
  assert.deepEqual(
    convertGeminiUsage({
      promptTokenCount: 1000,
      cachedContentTokenCount: 600,
      toolUsePromptTokenCount: 50,
      candidatesTokenCount: 40,
      thoughtsTokenCount: 300,
      totalTokenCount: 1390,
    }),
    {
      prompt_tokens: 1050,
      completion_tokens: 340,
      total_tokens: 1390,
      prompt_tokens_details: { cached_tokens: 600 },
      completion_tokens_details: { reasoning_tokens: 300 },
    },
  );
});

test('missing counts are zero; no metadata → undefined', () => {
  assert.deepEqual(convertGeminiUsage({ promptTokenCount: 9, totalTokenCount: 9 }), {
    prompt_tokens: 9,
    completion_tokens: 0,
    total_tokens: 9,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  });
  assert.equal(convertGeminiUsage(undefined), undefined);
  assert.equal(convertGeminiUsage(null), undefined);
});
