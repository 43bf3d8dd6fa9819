import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { buildUsage, type Usage } from '../../core/usage.js';
import { normalizeUsage } from './normalize-usage.js';

/** The schema reading the hand reader replaced, kept here as the reference it must agree with. */
const count = z.number().int().nonnegative().catch(0);
const usageSchema = z.looseObject({
  prompt_tokens: count.default(0),
  completion_tokens: count.default(0),
  total_tokens: count.optional(),
  prompt_cache_hit_tokens: count.optional(),
  cached_tokens: count.optional(),
  cache_creation_input_tokens: count.optional(),
  prompt_tokens_details: z.looseObject({ cached_tokens: count.optional(), cache_write_tokens: count.optional(), cache_creation_input_tokens: count.optional() }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: count.optional() }).nullish(),
});

function reference(raw: unknown): Usage | undefined {
  const parsed = usageSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const usage = parsed.data;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? 0;
  let completion = usage.completion_tokens;
  if (reasoning > 0 && usage.total_tokens !== undefined && usage.prompt_tokens + completion + reasoning === usage.total_tokens && usage.prompt_tokens + completion !== usage.total_tokens) {
    completion += reasoning;
  }
  return buildUsage({
    prompt: usage.prompt_tokens,
    completion,
    cachedRead: usage.prompt_tokens_details?.cached_tokens ?? usage.prompt_cache_hit_tokens ?? usage.cached_tokens ?? 0,
    cacheWrite: usage.prompt_tokens_details?.cache_write_tokens ?? usage.prompt_tokens_details?.cache_creation_input_tokens ?? usage.cache_creation_input_tokens ?? 0,
    reasoning,
  });
}

test('every vendor spelling and every odd value reads as the schema read it', () => {
  let state = 7;
  const random = () => ((state = (state * 16807) % 2147483647) - 1) / 2147483646;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const counts: unknown[] = [undefined, undefined, 0, 3, 10, 40, 50, -1, 2.5, '7', null, true];
  const details = (keys: readonly string[]): unknown => {
    const roll = random();
    if (roll < 0.25) return undefined;
    if (roll < 0.35) return pick([null, 3, 'x', [], [1]]);
    const out: Record<string, unknown> = {};
    for (const key of keys) if (random() < 0.6) out[key] = pick(counts);
    return out;
  };
  for (let run = 0; run < 30_000; run++) {
    const raw: Record<string, unknown> = {};
    for (const key of ['prompt_tokens', 'completion_tokens', 'total_tokens', 'prompt_cache_hit_tokens', 'cached_tokens', 'cache_creation_input_tokens']) {
      if (random() < 0.6) raw[key] = pick(counts);
    }
    raw.prompt_tokens_details = details(['cached_tokens', 'cache_write_tokens', 'cache_creation_input_tokens']);
    raw.completion_tokens_details = details(['reasoning_tokens']);
    assert.deepEqual(normalizeUsage(raw), reference(raw), JSON.stringify(raw));
  }
  for (const raw of [undefined, null, 0, 'usage', [], [1]]) assert.deepEqual(normalizeUsage(raw), reference(raw), String(raw));
});

test("xAI's reasoning outside completion_tokens is added in; OpenAI's inside is not", () => {
  const xai = normalizeUsage({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 45, completion_tokens_details: { reasoning_tokens: 30 } });
  const openai = normalizeUsage({ prompt_tokens: 10, completion_tokens: 35, total_tokens: 45, completion_tokens_details: { reasoning_tokens: 30 } });
  assert.equal(xai?.completion_tokens, 35);
  assert.equal(openai?.completion_tokens, 35);
  assert.equal(normalizeUsage({ prompt_tokens: 10, prompt_cache_hit_tokens: 8 })?.prompt_tokens_details?.cached_tokens, 8, "DeepSeek's cache hits");
});
