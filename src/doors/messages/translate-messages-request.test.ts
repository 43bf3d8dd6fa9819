import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayError } from '../../core/errors.js';
import { effortOfBudget } from './map-thinking.js';
import { messagesDoor } from './messages-door.js';

const base = { model: 'gpt-4o', max_tokens: 1000, messages: [{ role: 'user', content: 'hi' }] };
const decode = (extra: Record<string, unknown>) => messagesDoor.decode({ ...base, ...extra });

/** The param a translated attempt is refused with, or null when the request translates. */
function refusedParam(extra: Record<string, unknown>): string | null {
  const { inbound } = decode(extra);
  try {
    messagesDoor.assertTranslatable?.(inbound);
    return null;
  } catch (error) {
    assert.ok(error instanceof GatewayError && error.status === 400 && error.code === 'unsupported_parameter');
    return error.param;
  }
}

test('what the canonical request cannot carry is refused when translating, naming the parameter', () => {
  assert.equal(refusedParam({}), null);
  assert.equal(refusedParam({ top_k: 5 }), 'top_k');
  assert.equal(refusedParam({ stop_sequences: ['a', 'b', 'c', 'd', 'e'] }), 'stop_sequences');
  assert.equal(refusedParam({ max_tokens: 0 }), 'max_tokens');
  assert.equal(refusedParam({ mcp_servers: [{ type: 'url', url: 'https://mcp.example.com', name: 'x' }] }), 'mcp_servers');
  assert.equal(refusedParam({ tools: [{ type: 'web_search_20250305', name: 'web_search' }] }), 'tools.0');
  assert.equal(refusedParam({ thinking: { type: 'between_tools' } }), 'thinking.type');
  const user = (content: unknown[]) => ({ messages: [{ role: 'user', content }] });
  assert.equal(refusedParam(user([{ type: 'image', source: { type: 'file', file_id: 'file_1' } }])), 'messages.0.content.0.source');
  assert.equal(refusedParam(user([{ type: 'document', source: { type: 'url', url: 'https://x/a.pdf' } }])), 'messages.0.content.0.source');
  assert.equal(
    refusedParam(user([{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'x' }, citations: { enabled: true } }])),
    'messages.0.content.0.citations',
  );
  assert.equal(refusedParam(user([{ type: 'search_result', source: 's', title: 't', content: [] }])), 'messages.0.content.0.type');
  assert.equal(
    refusedParam({ messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: [{ type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} }] }] }),
    'messages.1.content.0.type',
  );
});

test('fields that do not change the answer are dropped for translation, and kept in the raw body', () => {
  const extra = { cache_control: { type: 'ephemeral' }, context_management: { edits: [] }, container: 'c1', service_tier: 'auto', speed: 'fast', inference_geo: 'us', future_field: 1 };
  const { request, inbound } = decode(extra);
  for (const field of Object.keys(extra)) assert.equal(request[field], undefined, field);
  assert.equal(refusedParam(extra), null);
  assert.deepEqual(inbound.raw, { ...base, ...extra });
});

test('thinking: effort wins, budgets fall into bands that round-trip through the Anthropic adapter, no thinking means no reasoning_effort', () => {
  assert.deepEqual([1024, 2048, 4095, 4096, 8192, 16_383, 16_384, 24_576, 31_999].map(effortOfBudget), ['low', 'low', 'low', 'medium', 'medium', 'medium', 'high', 'high', 'high']);
  assert.equal(decode({ thinking: { type: 'enabled', budget_tokens: 8000 } }).request.reasoning_effort, 'medium');
  assert.equal(decode({ thinking: { type: 'enabled', budget_tokens: 8000 }, output_config: { effort: 'max' } }).request.reasoning_effort, 'max');
  assert.equal(decode({ thinking: { type: 'adaptive' } }).request.reasoning_effort, 'high');
  assert.equal(decode({ thinking: { type: 'adaptive', display: 'omitted' }, output_config: { effort: 'low' } }).request.reasoning_effort, 'low');
  assert.equal(decode({ thinking: { type: 'disabled' }, output_config: { effort: 'high' } }).request.reasoning_effort, undefined);
  assert.equal(decode({ output_config: { effort: 'medium' } }).request.reasoning_effort, undefined, 'effort without thinking is not reasoning');
  assert.equal(decode({}).request.reasoning_effort, undefined);
});

test('unsigned thinking in the history is reasoning text only; tool results without content are empty', () => {
  const { request } = decode({
    messages: [
      { role: 'user', content: 'x' },
      { role: 'assistant', content: [{ type: 'thinking', thinking: 'hmm', signature: '' }, { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1' }] },
    ],
  });
  assert.deepEqual(JSON.parse(JSON.stringify(request.messages.slice(1))), [
    { role: 'assistant', content: null, tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'f', arguments: '{}' } }], reasoning_content: 'hmm' },
    { role: 'tool', tool_call_id: 'toolu_1', content: '' },
  ]);
});

test('malformed known blocks name their own field, unknown block types are accepted', () => {
  const param = (body: unknown) => {
    try {
      messagesDoor.decode(body);
      return 'accepted';
    } catch (error) {
      return error instanceof GatewayError ? error.param : 'other error';
    }
  };
  const withContent = (content: unknown[]) => ({ ...base, messages: [{ role: 'user', content }] });
  assert.equal(param(withContent([{ type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'x' } }])), 'messages.0.content.0.source.media_type');
  assert.equal(param(withContent([{ type: 'tool_result' }])), 'messages.0.content.0.tool_use_id');
  assert.equal(param(withContent([{ type: 'brand_new_block', anything: true }])), 'accepted');
  assert.equal(param({ ...base, tool_choice: { type: 'tool' } }), 'tool_choice.name');
  assert.equal(param({ ...base, thinking: { type: 'enabled' } }), 'thinking.budget_tokens');
});
