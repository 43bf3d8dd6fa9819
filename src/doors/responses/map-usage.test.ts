import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { buildUsage } from '../../core/usage.js';
import { fromResponseUsage, toResponseUsage } from './map-usage.js';

/** The schema the hand reader replaced: what it accepted, and what it made of each field. */
const count = z.number().int().nonnegative().catch(0);
const schema = z.looseObject({
  input_tokens: count.default(0),
  output_tokens: count.default(0),
  input_tokens_details: z.looseObject({ cached_tokens: count.optional() }).nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: count.optional() }).nullish(),
});

test('usage is read as the schema read it, field by field, for odd values too', () => {
  const counts: unknown[] = [undefined, 0, 7, -1, 1.5, '3', null, Number.MAX_SAFE_INTEGER];
  const details = (key: string): unknown[] => [undefined, null, {}, 5, 'x', [], ...counts.map((value) => ({ [key]: value }))];
  let compared = 0;
  for (const input of counts) {
    for (const output of counts) {
      for (const cached of details('cached_tokens')) {
        for (const reasoning of details('reasoning_tokens')) {
          const raw = { input_tokens: input, output_tokens: output, input_tokens_details: cached, output_tokens_details: reasoning };
          const parsed = schema.safeParse(raw);
          const expected = parsed.success
            ? buildUsage({
                prompt: parsed.data.input_tokens,
                completion: parsed.data.output_tokens,
                cachedRead: parsed.data.input_tokens_details?.cached_tokens ?? 0,
                cacheWrite: 0,
                reasoning: parsed.data.output_tokens_details?.reasoning_tokens ?? 0,
              })
            : undefined;
          assert.deepEqual(fromResponseUsage(raw), expected, JSON.stringify(raw));
          compared++;
        }
      }
    }
  }
  assert.ok(compared > 10_000);
  for (const raw of [undefined, null, 3, 'usage', []]) assert.equal(fromResponseUsage(raw), schema.safeParse(raw).success ? fromResponseUsage({}) : undefined);
});

test('a usage round-trips through the Responses names', () => {
  const usage = buildUsage({ prompt: 120, completion: 30, cachedRead: 100, cacheWrite: 0, reasoning: 12 });
  assert.deepEqual(fromResponseUsage(toResponseUsage(usage)), usage);
});
