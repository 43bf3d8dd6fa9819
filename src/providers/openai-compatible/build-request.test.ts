import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProviderEndpoint } from '../../config/config.js';
import { chatRequestSchema } from '../../core/chat-request.js';
import { GatewayError } from '../../core/errors.js';
import { testContext } from '../test-context.js';
import { alphanumericId, buildOpenAICompatibleRequest } from './build-request.js';

const endpoint = (type: string, extra: Partial<ProviderEndpoint> = {}): ProviderEndpoint => ({
  name: type,
  type,
  baseUrl: 'https://example.test/v1',
  apiKey: 'secret',
  apiVersion: null,
  headers: {},
  ...extra,
});

const build = (type: string, body: Record<string, unknown>, options: { stream?: boolean; model?: string; endpoint?: Partial<ProviderEndpoint> } = {}) => {
  const request = chatRequestSchema.parse({ messages: [{ role: 'user', content: 'hi' }], ...body });
  const upstream = buildOpenAICompatibleRequest(request, endpoint(type, options.endpoint), testContext({ stream: options.stream ?? false, upstreamModel: options.model ?? 'm' }));
  return { ...upstream, json: JSON.parse(upstream.body) as Record<string, unknown> };
};

const rejects = (fn: () => unknown, param: string) =>
  assert.throws(fn, (error: unknown) => error instanceof GatewayError && error.code === 'unsupported_parameter' && error.param === param);

test('streams always ask for usage, keeping other stream options', () => {
  assert.deepEqual(build('openai', { stream: true }, { stream: true }).json.stream_options, { include_usage: true });
  assert.deepEqual(build('openai', { stream: true, stream_options: { include_usage: false } }, { stream: true }).json.stream_options, { include_usage: true });
  assert.equal(build('mistral', { stream: true }, { stream: true }).json.stream_options, undefined, 'Mistral sends usage anyway and rejects the field');
});

test('OpenAI reasoning models get max_completion_tokens instead of max_tokens', () => {
  const reasoning = build('openai', { max_tokens: 100 }, { model: 'gpt-5' }).json;
  assert.equal(reasoning.max_completion_tokens, 100);
  assert.equal(reasoning.max_tokens, undefined);
  assert.equal(build('openai', { max_tokens: 100 }, { model: 'gpt-4o' }).json.max_tokens, 100);
});

test('agent defaults (max_tokens 32000, reasoning_effort high) are fitted to what the model accepts', () => {
  const agent = { max_tokens: 32_000, reasoning_effort: 'high' };
  const gpt4o = build('openai', agent, { model: 'gpt-4o' }).json;
  assert.equal(gpt4o.max_tokens, 16_384, 'gpt-4o writes at most 16,384 tokens');
  assert.equal('reasoning_effort' in gpt4o, false, 'gpt-4o cannot reason and refuses the field');
  const gpt5 = build('openai', agent, { model: 'gpt-5' }).json;
  assert.equal(gpt5.reasoning_effort, 'high');
  assert.equal(gpt5.max_completion_tokens, 32_000);
  assert.equal(gpt5.max_tokens, undefined);
  assert.equal(build('openai', { max_tokens: 500_000 }, { model: 'gpt-5' }).json.max_completion_tokens, 128_000, 'clamped, then renamed');
  assert.equal(build('azure', { max_completion_tokens: 40_000, reasoning_effort: 'low' }, { model: 'gpt-4.1' }).json.max_completion_tokens, 32_768);
  assert.equal(build('openai', { max_tokens: 1000 }, { model: 'gpt-4o' }).json.max_tokens, 1000, 'a limit the model accepts is kept');
});

test('DeepSeek: deepseek-chat is capped at 8,192, unless reasoning switches on its thinking mode (64K)', () => {
  const plain = build('deepseek', { max_tokens: 32_000 }, { model: 'deepseek-chat' }).json;
  assert.equal(plain.max_tokens, 8_192);
  assert.equal(plain.thinking, undefined);
  const thinking = build('deepseek', { max_tokens: 100_000, reasoning_effort: 'high' }, { model: 'deepseek-chat' }).json;
  assert.deepEqual(thinking.thinking, { type: 'enabled' }, 'without it deepseek-chat would ignore the effort');
  assert.equal(thinking.reasoning_effort, 'high');
  assert.equal(thinking.max_tokens, 65_536);
  const off = build('deepseek', { max_tokens: 32_000, reasoning_effort: 'none' }, { model: 'deepseek-chat' }).json;
  assert.deepEqual([off.thinking, off.reasoning_effort, off.max_tokens], [{ type: 'disabled' }, undefined, 8_192]);
  const chosen = build('deepseek', { max_tokens: 32_000, reasoning_effort: 'low', thinking: { type: 'disabled' } }, { model: 'deepseek-chat' }).json;
  assert.deepEqual([chosen.thinking, chosen.max_tokens], [{ type: 'disabled' }, 8_192], 'the client’s own thinking switch wins');
  assert.equal(build('deepseek', { max_tokens: 100_000 }, { model: 'deepseek-reasoner' }).json.max_tokens, 65_536);
});

test('models not in the table get max_tokens and reasoning_effort as sent', () => {
  for (const [type, model] of [['ark', 'doubao-seed-1-6-250615'], ['openrouter', 'openai/gpt-4o'], ['mistral', 'mistral-large-latest'], ['openai-compatible', 'm']]) {
    const json = build(type ?? '', { max_tokens: 32_000, reasoning_effort: 'high' }, { model }).json;
    assert.deepEqual([json.max_tokens, json.reasoning_effort, json.thinking], [32_000, 'high', undefined], model);
  }
});

test('Mistral: 9-character tool ids, "any" for required, random_seed', () => {
  const json = build('mistral', {
    seed: 7,
    tools: [{ type: 'function', function: { name: 'f' } }],
    tool_choice: 'required',
    messages: [
      { role: 'user', content: 'x' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_abcdefghijklmnopqrstuvwx', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_abcdefghijklmnopqrstuvwx', content: 'ok' },
    ],
  }).json;
  const messages = json.messages as Array<Record<string, unknown>>;
  const id = (messages[1]?.tool_calls as Array<{ id: string }>)[0]?.id;
  assert.match(id ?? '', /^[a-zA-Z0-9]{9}$/);
  assert.equal(messages[2]?.tool_call_id, id, 'the tool result points at the same rewritten id');
  assert.equal(json.tool_choice, 'any');
  assert.equal(json.random_seed, 7);
  assert.equal(json.seed, undefined);
  assert.equal(alphanumericId('abc123XYZ'), 'abc123XYZ', 'valid ids are kept');
});

test('tool-call ids over 40 characters (a Gemini id carrying its thought signature) are shortened consistently for OpenAI', () => {
  const longId = `call_Xy9AbCdEfGhIjKlMnOpQrStU__thought__${'Eqo-Cqc-Ab4_9vtg'.repeat(100)}`;
  const json = build('openai', {
    messages: [
      { role: 'user', content: 'x' },
      { role: 'assistant', content: null, tool_calls: [{ id: longId, type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: longId, content: 'ok' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_short', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_short', content: 'ok' },
    ],
  }).json;
  const messages = json.messages as Array<Record<string, unknown>>;
  const id = (messages[1]?.tool_calls as Array<{ id: string }>)[0]?.id ?? '';
  assert.ok(id.length <= 40 && id.startsWith('call_'), id);
  assert.equal(messages[2]?.tool_call_id, id, 'the tool result points at the same shortened id');
  assert.equal((messages[3]?.tool_calls as Array<{ id: string }>)[0]?.id, 'call_short', 'short ids are kept');
  assert.equal(messages[4]?.tool_call_id, 'call_short');
});

test('Groq: logprobs and n>1 are refused, names are stripped, false flags are dropped', () => {
  rejects(() => build('groq', { logprobs: true }), 'logprobs');
  rejects(() => build('groq', { n: 2 }), 'n');
  const json = build('groq', { logprobs: false, messages: [{ role: 'user', content: 'x', name: 'alice' }] }).json;
  assert.equal(json.logprobs, undefined);
  assert.equal((json.messages as Array<Record<string, unknown>>)[0]?.name, undefined);
});

test('Zhipu: only tool_choice auto, json_object only, max_tokens spelling, no penalties', () => {
  rejects(() => build('zhipu', { tools: [{ type: 'function', function: { name: 'f' } }], tool_choice: 'none' }), 'tool_choice');
  rejects(() => build('zhipu', { response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } } }), 'response_format');
  rejects(() => build('zhipu', { presence_penalty: 1 }), 'presence_penalty');
  assert.equal(build('zhipu', { max_completion_tokens: 50 }).json.max_tokens, 50);
});

test('DeepSeek: json_schema refused; assistant tool turns carry reasoning_content back', () => {
  rejects(() => build('deepseek', { response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } } }), 'response_format');
  const json = build('deepseek', {
    messages: [
      { role: 'user', content: 'x' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c', content: 'ok' },
    ],
  }).json;
  assert.equal((json.messages as Array<Record<string, unknown>>)[1]?.reasoning_content, '');
});

test('OpenAI does not receive an echoed reasoning_content', () => {
  const json = build('openai', { messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: 'y', reasoning_content: 'r' }] }).json;
  assert.equal((json.messages as Array<Record<string, unknown>>)[1]?.reasoning_content, undefined);
});

test('DashScope non-streamed calls switch thinking off unless the client chose', () => {
  assert.equal(build('dashscope', {}).json.enable_thinking, false);
  assert.equal(build('dashscope', { enable_thinking: true }).json.enable_thinking, true);
  assert.equal(build('dashscope', { stream: true }, { stream: true }).json.enable_thinking, undefined);
});

test('Azure: api-key header and the deployment URL with api-version, or the v1 URL', () => {
  const classic = build('azure', {}, { model: 'gpt-4o-prod', endpoint: { baseUrl: 'https://east.openai.azure.com', apiVersion: '2024-10-21' } });
  assert.equal(classic.url, 'https://east.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21');
  assert.equal(classic.headers['api-key'], 'secret');
  assert.equal(classic.headers.authorization, undefined);
  const v1 = build('azure', {}, { endpoint: { baseUrl: 'https://east.openai.azure.com' } });
  assert.equal(v1.url, 'https://east.openai.azure.com/openai/v1/chat/completions');
});

test('keyless servers get no authorization header; extra headers are sent', () => {
  const ollama = build('ollama', {}, { endpoint: { apiKey: null, headers: { 'x-title': 'app' } } });
  assert.equal(ollama.headers.authorization, undefined);
  assert.equal(ollama.headers['x-title'], 'app');
});
