import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messagesRequestSchema } from './messages-request-schema.js';
import { isSimpleMessagesRequest } from './simple-messages-request.js';
import { assertCheckAgreesWithSchema } from '../../core/testing/compiled-check-agreement.js';

/** A tiny deterministic generator of Messages bodies, simple and not, valid and not. */
function generator(seed: number) {
  let state = seed;
  const random = () => ((state = (state * 16807) % 2147483647) - 1) / 2147483646;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const values: unknown[] = [null, true, false, 0, 1, -1, 0.5, 2, 1.5, 64, 1e9, Number.NaN, '', 'x', 'claude-4-5-sonnet', 'bad model\n', [], {}, [1], ['stop'], ['a', 2], { user_id: 'u' }, { user_id: 3 }, { user_id: null }];
  // As JSON.parse makes them: own properties, even `__proto__`.
  const withOwn = (out: Record<string, unknown>, key: string, value: unknown) => Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  const block = (): unknown => {
    if (random() < 0.08) return pick(values);
    const out: Record<string, unknown> = {};
    if (random() < 0.95) out.type = pick(['text', 'text', 'text', 'image', 'tool_use', 'thinking', 'mystery', 1]);
    if (random() < 0.9) out.text = pick(['hi', '', 'Bonjour ✨', 3, null]);
    if (random() < 0.15) withOwn(out, pick(['cache_control', 'citations', '__proto__']), pick([{ type: 'ephemeral' }, null, 1]));
    return out;
  };
  const message = (): unknown => {
    if (random() < 0.08) return pick(values);
    const out: Record<string, unknown> = {};
    if (random() < 0.95) out.role = pick(['user', 'assistant', 'system', 'tool', 'developer', 1]);
    if (random() < 0.95) out.content = random() < 0.5 ? pick(['hi', '', 'Bonjour ✨']) : random() < 0.85 ? Array.from({ length: Math.floor(random() * 3) }, block) : pick(values);
    if (random() < 0.08) withOwn(out, pick(['id', '__proto__']), pick(values));
    return out;
  };
  return (): unknown => {
    if (random() < 0.05) return pick(values);
    const body: Record<string, unknown> = {};
    if (random() < 0.92) body.model = random() < 0.85 ? pick(['claude-4-5-sonnet', 'gpt-4o', 'anthropic/claude-haiku-4-5']) : pick(values);
    if (random() < 0.92) body.max_tokens = random() < 0.8 ? pick([64, 1, 0, 4096]) : pick(values);
    if (random() < 0.95) body.messages = random() < 0.85 ? Array.from({ length: Math.floor(random() * 4) }, message) : pick(values);
    if (random() < 0.3) body.system = random() < 0.5 ? pick(['Be brief.', '']) : random() < 0.7 ? Array.from({ length: Math.floor(random() * 3) }, block) : pick(values);
    const keys = ['stop_sequences', 'temperature', 'top_p', 'top_k', 'metadata', 'stream', 'tools', 'tool_choice', 'thinking', 'output_config', 'mcp_servers', 'toString', '__proto__'];
    for (const key of keys) if (random() < 0.1) withOwn(body, key, pick(values));
    return body;
  };
}

test('whatever the compiled check accepts, the Messages schema accepts unchanged', () => {
  assertCheckAgreesWithSchema({ check: isSimpleMessagesRequest, schema: messagesRequestSchema, generator: generator, minimumAccepted: 500 });
});

test('the body Claude Code sends for a text turn takes the fast path; tools, images and thinking do not', () => {
  const turn = {
    model: 'claude-4-5-sonnet',
    max_tokens: 32000,
    system: [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Fix the bug.', cache_control: { type: 'ephemeral' } }] }],
    metadata: { user_id: 'user_abc' },
    temperature: 1,
    stream: true,
  };
  assert.equal(isSimpleMessagesRequest(turn), true);
  assert.equal(isSimpleMessagesRequest({ ...turn, tools: [] }), false);
  assert.equal(isSimpleMessagesRequest({ ...turn, thinking: { type: 'enabled', budget_tokens: 1024 } }), false);
  assert.equal(isSimpleMessagesRequest({ ...turn, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }] }] }), false);
  assert.equal(isSimpleMessagesRequest({ ...turn, messages: [] }), false, 'the schema wants one message');
  assert.equal(isSimpleMessagesRequest({ ...turn, temperature: 1.5 }), false, 'Anthropic temperatures stop at 1');
  const { max_tokens: _maxTokens, ...withoutMax } = turn;
  assert.equal(isSimpleMessagesRequest(withoutMax), false, 'max_tokens is required');
});
