import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chatRequestSchema } from './chat-request.js';
import { isSimpleChatRequest } from './simple-chat-request.js';
import { assertCheckAgreesWithSchema } from './testing/compiled-check-agreement.js';

/** A tiny deterministic generator of request bodies, simple and not, valid and not. */
function generator(seed: number) {
  let state = seed;
  const random = () => ((state = (state * 16807) % 2147483647) - 1) / 2147483646;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const values: unknown[] = [null, true, false, 0, 1, -1, 0.5, 2, 2.5, -3, 1.5, 100, 1e9, Number.NaN, '', 'x', 'gpt-4o', 'bad model\n', [], {}, [1], { include_usage: true }, { include_usage: 'yes' }, { other: 1 }];
  const message = (): unknown => {
    if (random() < 0.1) return pick(values);
    const out: Record<string, unknown> = {};
    if (random() < 0.95) out.role = pick(['system', 'developer', 'user', 'assistant', 'tool', 'function', 'robot', 1]);
    if (random() < 0.95) out.content = random() < 0.7 ? pick(['hi', '', 'Bonjour ✨', 'a\u0000b']) : pick([
        null, [], [{ type: 'text', text: 'x' }], 3, { text: 'x' }, [{ type: 'text', text: 'a' }, { type: 'text', text: '' }], [{ type: 'text' }],
        [{ type: 'text', text: 1 }], [{ type: 'text', text: 'x', cache_control: { type: 'ephemeral' } }], [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }],
        [{ type: 'refusal', refusal: 'no' }], [null], ['x'], [[{ type: 'text', text: 'x' }]],
      ]);
    if (random() < 0.15) out.name = pick(['bob', 1, null]);
    // As JSON.parse makes them: own properties, even `__proto__`.
    if (random() < 0.1) Object.defineProperty(out, pick(['tool_calls', 'tool_call_id', 'refusal', 'reasoning_content', '__proto__', 'constructor']), { value: pick(values), enumerable: true, writable: true, configurable: true });
    return out;
  };
  return (): unknown => {
    if (random() < 0.05) return pick(values);
    const body: Record<string, unknown> = {};
    if (random() < 0.9) body.model = random() < 0.8 ? pick(['gpt-4o', 'claude-4-5-sonnet', 'openai/gpt-4o-mini']) : pick(values);
    if (random() < 0.95) body.messages = random() < 0.85 ? Array.from({ length: Math.floor(random() * 4) }, message) : pick(values);
    for (const key of ['stream', 'stream_options', 'temperature', 'top_p', 'presence_penalty', 'frequency_penalty', 'max_tokens', 'max_completion_tokens', 'user', 'n', 'tools', 'seed', 'metadata', 'toString', 'hasOwnProperty']) {
      if (random() < 0.12) Object.defineProperty(body, key, { value: pick(values), enumerable: true, writable: true, configurable: true });
    }
    return body;
  };
}

test('whatever the compiled check accepts, the schema accepts unchanged', () => {
  assertCheckAgreesWithSchema({ check: isSimpleChatRequest, schema: chatRequestSchema, generator: generator, minimumAccepted: 500 });
});

test('the bodies SDKs send for plain chats take the fast path; anything else does not', () => {
  assert.equal(isSimpleChatRequest({ model: 'gpt-4o', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] }), true);
  assert.equal(isSimpleChatRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true }, temperature: 0.2, max_tokens: 100 }), true);
  assert.equal(isSimpleChatRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream_options: { include_usage: true } }), false, 'stream_options without stream');
  assert.equal(isSimpleChatRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }), true, 'bare text parts');
  assert.equal(isSimpleChatRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }] }] }), false);
  assert.equal(isSimpleChatRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } }] }] }), false);
  assert.equal(isSimpleChatRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: [] }] }), false, 'an empty list is refused by the schema');
  assert.equal(isSimpleChatRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], tools: [] }), false);
  assert.equal(isSimpleChatRequest(JSON.parse('{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"__proto__":{"x":1}}')), false);
  assert.equal(isSimpleChatRequest({ model: 'gpt-4o', messages: [] }), false);
  assert.equal(isSimpleChatRequest({ messages: [{ role: 'user', content: 'Hi' }] }), true, 'the model may be left to default_model');
});
