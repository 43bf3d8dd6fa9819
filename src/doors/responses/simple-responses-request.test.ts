import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messageItemSchema } from './item-schemas.js';
import { isBareTextPart, isMessageItem } from './plain-input.js';
import { responsesBodySchema } from './request-schema.js';
import { isSimpleResponsesRequest } from './simple-responses-request.js';
import { z } from 'zod';
import { assertCheckAgreesWithSchema } from '../../core/testing/compiled-check-agreement.js';

/** A tiny deterministic generator of values, bodies, items and parts, valid and not. */
function generator(seed: number) {
  let state = seed;
  const random = () => ((state = (state * 16807) % 2147483647) - 1) / 2147483646;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const values: unknown[] = [
    null, true, false, 0, 1, -1, 0.5, 2, 2.5, -3, 1.5, 100, 1e9, Number.NaN, '', 'x', 'auto', 'disabled', 'gpt-4o', 'bad model\n', 'x'.repeat(600),
    [], {}, [1], ['a'], ['a', 2], { a: 'b' }, { a: 1 }, { ['k'.repeat(65)]: 'v' }, { k: 'v'.repeat(513) },
  ];
  const withOwn = (out: Record<string, unknown>, key: string, value: unknown) =>
    // As JSON.parse makes them: own properties, even `__proto__`.
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  const part = (): unknown => {
    if (random() < 0.1) return pick(values);
    const out: Record<string, unknown> = {};
    if (random() < 0.95) out.type = pick(['input_text', 'output_text', 'refusal', 'input_image', 'text', 1]);
    if (random() < 0.9) out.text = pick(['hi', '', 'Bonjour ✨', 3, null]);
    if (random() < 0.1) withOwn(out, pick(['annotations', 'cache_control', '__proto__']), pick(values));
    return out;
  };
  const item = (): unknown => {
    if (random() < 0.08) return pick(values);
    const out: Record<string, unknown> = {};
    if (random() < 0.7) out.type = pick(['message', 'message', 'function_call', 'reasoning', 'item_reference', 2]);
    if (random() < 0.9) out.role = pick(['user', 'assistant', 'system', 'developer', 'tool', 'robot', 1]);
    if (random() < 0.95) out.content = random() < 0.5 ? pick(['hi', '', 'Bonjour ✨']) : random() < 0.8 ? Array.from({ length: Math.floor(random() * 3) }, part) : pick(values);
    if (random() < 0.1) withOwn(out, pick(['id', 'status', '__proto__', 'constructor']), pick(values));
    return out;
  };
  const body = (): unknown => {
    if (random() < 0.05) return pick(values);
    const out: Record<string, unknown> = {};
    if (random() < 0.9) out.model = random() < 0.8 ? pick(['gpt-4o', 'claude-4-5-sonnet', 'openai/gpt-4o-mini']) : pick(values);
    if (random() < 0.9) out.input = random() < 0.2 ? pick(['hi', '']) : random() < 0.85 ? Array.from({ length: Math.floor(random() * 4) }, item) : pick(values);
    const keys = [
      'instructions', 'max_output_tokens', 'temperature', 'top_p', 'parallel_tool_calls', 'metadata', 'user', 'safety_identifier', 'prompt_cache_key',
      'service_tier', 'store', 'stream', 'include', 'truncation', 'tools', 'reasoning', 'text', 'models', 'previous_response_id', 'toString', '__proto__',
    ];
    for (const key of keys) if (random() < 0.12) withOwn(out, key, pick(values));
    return out;
  };
  return { body, item, part };
}

/** The fields of a message item the conversion reads (convert-input.ts, convert-content.ts). */
const readFields = (item: { type?: unknown; role: unknown; content: unknown }) => ({
  type: item.type,
  role: item.role,
  content: Array.isArray(item.content) ? item.content.map((part: { type: unknown; text?: unknown }) => [part.type, part.text]) : item.content,
});

test('whatever the compiled check accepts, the request schema accepts unchanged', () => {
  assertCheckAgreesWithSchema({ check: isSimpleResponsesRequest, schema: responsesBodySchema, generator: (seed) => generator(seed).body, minimumAccepted: 1000 });
});

test('message items and text parts are recognised when, and only when, their schemas accept them', () => {
  const textLike = z.looseObject({ type: z.enum(['input_text', 'output_text']), text: z.string() });
  const counts = { items: 0, parts: 0 };
  for (let seed = 1; seed <= 4; seed++) {
    const { item, part } = generator(seed);
    for (let run = 0; run < 10_000; run++) {
      const value = item();
      const schema = messageItemSchema.safeParse(value);
      if (isMessageItem(value)) {
        counts.items++;
        assert.ok(schema.success, JSON.stringify(value));
        // What the conversion reads is what the schema would have given it.
        assert.deepEqual(readFields(value), readFields(schema.data));
      } else {
        // The one shape left to the schema although it passes: an own `__proto__` key, which it drops.
        const ownProto = typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__');
        if (!ownProto) assert.equal(schema.success, false, JSON.stringify(value));
      }
      const text = part();
      assert.equal(isBareTextPart(text), textLike.safeParse(text).success, JSON.stringify(text));
      if (isBareTextPart(text)) counts.parts++;
    }
  }
  assert.ok(counts.items > 2000 && counts.parts > 2000, `both fast paths are reached (${JSON.stringify(counts)})`);
});

test('the body Codex and the SDKs send for a plain turn takes the fast path; anything else does not', () => {
  const codex = {
    model: 'gpt-5',
    instructions: 'You are a coding agent.',
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Fix the bug.' }] }],
    store: false,
    stream: true,
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: 'session-1',
  };
  assert.equal(isSimpleResponsesRequest(codex), true);
  assert.equal(isSimpleResponsesRequest({ model: 'gpt-4o', input: 'Hi', max_output_tokens: 64, temperature: 0.2 }), true);
  assert.equal(isSimpleResponsesRequest({ ...codex, tools: [] }), false, 'tools go through the schema');
  assert.equal(isSimpleResponsesRequest({ ...codex, reasoning: { effort: 'low' } }), false);
  assert.equal(isSimpleResponsesRequest({ ...codex, max_output_tokens: 0 }), false);
  assert.equal(isSimpleResponsesRequest({ ...codex, user: null }), false, 'user is not nullable in the schema');
  assert.equal(isSimpleResponsesRequest(JSON.parse('{"model":"gpt-4o","input":"Hi","__proto__":{"x":1}}')), false);
});
