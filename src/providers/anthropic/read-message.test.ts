import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { AdapterContext } from '../adapter.js';
import { anthropicMessageSchema } from './anthropic-response-schema.js';
import { convertAnthropicMessage } from './convert-response.js';
import { readAnthropicMessage } from './read-message.js';

const context: AdapterContext = { upstreamModel: 'claude-sonnet-4-5', providerType: 'anthropic', stream: false, includeUsage: false, now: () => 1, newId: (prefix) => `${prefix}-fixed` };
const directory = new URL('./__fixtures__/', import.meta.url);
const recorded = readdirSync(directory)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, body: JSON.parse(readFileSync(new URL(name, directory), 'utf8')) as unknown }))
  .filter(({ body }) => anthropicMessageSchema.safeParse(body).success && (body as { type?: string }).type !== 'error');

/** Both readings, converted: what the client would get either way. */
function bothWays(body: unknown) {
  const plain = readAnthropicMessage(body);
  const schema = anthropicMessageSchema.parse(body);
  return { plain: plain === null ? null : convertAnthropicMessage(plain, context), schema: convertAnthropicMessage(schema, context) };
}

test('every recorded Anthropic answer: the plain reader takes it, and the client gets what the schema would give', () => {
  assert.ok(recorded.length >= 5, `${recorded.length} recorded answers`);
  for (const { name, body } of recorded) {
    const { plain, schema } = bothWays(body);
    assert.notEqual(plain, null, `${name} is read without the schema`);
    assert.deepEqual(plain, schema, name);
  }
});

test('thinking, tool use, cache counts and a refusal explanation read alike', () => {
  const body = {
    id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-opus-4-5',
    content: [
      { type: 'thinking', thinking: 'Let me think.', signature: 'sig' },
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'text', text: 'Calling.' },
      { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
    ],
    stop_reason: 'refusal', stop_sequence: null, stop_details: { explanation: 'No.' },
    usage: { input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 5, cache_creation_input_tokens: null, output_tokens_details: { thinking_tokens: 7 } },
  };
  const { plain, schema } = bothWays(body);
  assert.notEqual(plain, null);
  assert.deepEqual(plain, schema);
});

test('whatever is unusual is left to the schema', () => {
  const base = { id: 'msg_1', type: 'message', model: 'm', content: [{ type: 'text', text: 'hi' }], stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: 1 } };
  const odd: Array<[string, unknown]> = [
    ['a server tool block', { ...base, content: [{ type: 'server_tool_use', id: 's', name: 'web_search', input: {} }] }],
    ['text that is not a string', { ...base, content: [{ type: 'text', text: 5 }] }],
    ['thinking that is not a string', { ...base, content: [{ type: 'thinking', thinking: null, signature: 's' }] }],
    ['a fractional count', { ...base, usage: { input_tokens: 1.5, output_tokens: 1 } }],
    ['a count that is a string', { ...base, usage: { input_tokens: '1', output_tokens: 1 } }],
    ['stop details of the wrong shape', { ...base, stop_details: 'nope' }],
    ['another type', { ...base, type: 'error' }],
    ['no content', { ...base, content: undefined }],
  ];
  for (const [what, body] of odd) assert.equal(readAnthropicMessage(body), null, what);
});
