import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProviderEndpoint } from '../../config/config.js';
import { chatRequestSchema, type ChatRequest } from '../../core/chat-request.js';
import { GatewayError } from '../../core/errors.js';
import { readJsonFixture, testContext } from './__fixtures__/replay.js';
import { buildAnthropicBody, buildAnthropicRequest } from './build-request.js';

const endpoint: ProviderEndpoint = {
  name: 'anthropic',
  type: 'anthropic',
  baseUrl: 'https://api.anthropic.com',
  apiKey: 'sk-ant-test',
  apiVersion: null,
  headers: {},
};

const request = (body: Record<string, unknown>): ChatRequest =>
  chatRequestSchema.parse({ messages: [{ role: 'user', content: 'Hi' }], ...body });

const bodyFor = (body: Record<string, unknown>, model = 'claude-sonnet-4-5', stream = false) =>
  buildAnthropicBody(request(body), testContext({ upstreamModel: model, stream }));

function rejects(body: Record<string, unknown>, param: string, model = 'claude-sonnet-4-5'): GatewayError {
  try {
    bodyFor(body, model);
  } catch (error) {
    assert.ok(error instanceof GatewayError);
    assert.equal(error.status, 400);
    assert.equal(error.param, param);
    return error;
  }
  assert.fail(`expected a 400 for ${param}`);
}

for (const name of ['worked-example', 'vision-pdf', 'thinking-round-trip']) {
  test(`request fixture ${name}: OpenAI request → exact Anthropic body`, () => {
    const openai = chatRequestSchema.parse(readJsonFixture(`switchyard-request-${name}.openai.json`));
    const expected = readJsonFixture(`switchyard-request-${name}.anthropic.json`);
    const model = openai.model ?? '';
    const built = buildAnthropicRequest(openai, endpoint, testContext({ upstreamModel: model, stream: openai.stream === true }));
    assert.deepEqual(JSON.parse(built.body), expected);
  });
}

test('posts to {baseUrl}/v1/messages with x-api-key, a pinned anthropic-version and configured headers', () => {
  const built = buildAnthropicRequest(
    request({}),
    { ...endpoint, baseUrl: 'https://proxy.example/anthropic/v1/', headers: { 'Anthropic-Beta': 'context-1m-2025-08-07' } },
    testContext({ stream: true }),
  );
  assert.equal(built.url, 'https://proxy.example/anthropic/v1/messages');
  assert.deepEqual(built.headers, {
    'anthropic-version': '2023-06-01',
    'anthropic-beta': 'context-1m-2025-08-07',
    'content-type': 'application/json',
    accept: 'text/event-stream',
    'x-api-key': 'sk-ant-test',
  });
  assert.equal(buildAnthropicRequest(request({}), endpoint, testContext()).url, 'https://api.anthropic.com/v1/messages');
});

test('max_tokens: the model maximum by default, the client value otherwise, clamped to the model maximum', () => {
  assert.equal(bodyFor({}).max_tokens, 64_000);
  assert.equal(bodyFor({}, 'claude-opus-4-1-20250805').max_tokens, 32_000);
  assert.equal(bodyFor({}, 'claude-3-haiku-20240307').max_tokens, 4096);
  assert.equal(bodyFor({}, 'some-claude-proxy-alias').max_tokens, 4096);
  assert.equal(bodyFor({ max_tokens: 300 }).max_tokens, 300);
  assert.equal(bodyFor({ max_tokens: 300, max_completion_tokens: 200 }).max_tokens, 200);
  assert.equal(bodyFor({ max_completion_tokens: 1_000_000 }).max_tokens, 64_000);
});

test('reasoning_effort → thinking budget inside max_tokens, adaptive thinking + effort on 4.6+, disabled for none', () => {
  assert.deepEqual(bodyFor({ reasoning_effort: 'high' }).thinking, { type: 'enabled', budget_tokens: 24_576 });
  assert.deepEqual(bodyFor({ reasoning_effort: 'low', max_completion_tokens: 2000 }).thinking, { type: 'enabled', budget_tokens: 1500 });
  assert.deepEqual(bodyFor({ reasoning_effort: 'high', max_tokens: 1500 }).thinking, { type: 'enabled', budget_tokens: 1125 });
  const adaptive = bodyFor({ reasoning_effort: 'minimal' }, 'claude-opus-4-6');
  assert.deepEqual(adaptive.thinking, { type: 'adaptive', display: 'summarized' });
  assert.deepEqual(adaptive.output_config, { effort: 'low' });
  assert.deepEqual(bodyFor({ reasoning_effort: 'none' }).thinking, { type: 'disabled' });
  assert.equal(bodyFor({ reasoning_effort: 'none' }, 'claude-3-5-haiku-latest').thinking, undefined);
  rejects({ reasoning_effort: 'high', max_completion_tokens: 1024 }, 'max_completion_tokens');
  rejects({ reasoning_effort: 'low' }, 'reasoning_effort', 'claude-3-5-haiku-latest');
});

test('temperature with reasoning must be unset or 1; top_p ≥ 0.95 only; forced tools are refused', () => {
  const error = rejects({ reasoning_effort: 'low', temperature: 0.2 }, 'temperature');
  assert.equal(error.code, 'unsupported_parameter');
  assert.match(error.message, /extended thinking/);
  const body = bodyFor({ reasoning_effort: 'low', temperature: 1, top_p: 0.97 });
  assert.equal(body.temperature, undefined);
  assert.equal(body.top_p, 0.97);
  rejects({ reasoning_effort: 'low', top_p: 0.5 }, 'top_p');
  const tools = [{ type: 'function', function: { name: 'lookup' } }];
  rejects({ reasoning_effort: 'low', tools, tool_choice: 'required' }, 'tool_choice');
  rejects({ reasoning_effort: 'low', response_format: { type: 'json_object' } }, 'response_format');
  assert.deepEqual(bodyFor({ reasoning_effort: 'low', tools, tool_choice: 'auto' }).tool_choice, { type: 'auto' });
});

test('sampling: temperature ≤ 1, only temperature when both are set on Claude 4.5+, defaults only on Opus 4.7+', () => {
  const both = bodyFor({ temperature: 0.4, top_p: 0.9 });
  assert.equal(both.temperature, 0.4);
  assert.equal(both.top_p, undefined);
  const older = bodyFor({ temperature: 0.4, top_p: 0.9 }, 'claude-3-7-sonnet-20250219');
  assert.equal(older.top_p, 0.9);
  assert.equal(bodyFor({ top_p: 0.9 }).top_p, 0.9);
  assert.equal(bodyFor({ temperature: 0 }).temperature, 0);
  rejects({ temperature: 1.5 }, 'temperature');
  rejects({ temperature: 0.2 }, 'temperature', 'claude-opus-4-7');
  assert.equal(bodyFor({ temperature: 1, top_p: 1 }, 'claude-opus-4-7').temperature, undefined);
});

test('stop → stop_sequences; whitespace-only stop sequences are refused', () => {
  assert.deepEqual(bodyFor({ stop: 'END' }).stop_sequences, ['END']);
  assert.deepEqual(bodyFor({ stop: ['A', 'B'] }).stop_sequences, ['A', 'B']);
  assert.equal(bodyFor({ stop: [] }).stop_sequences, undefined);
  rejects({ stop: ['\n'] }, 'stop');
});

test('parameters that change the answer are refused with their name; answer-neutral ones are dropped', () => {
  rejects({ n: 2 }, 'n');
  rejects({ logprobs: true }, 'logprobs');
  rejects({ logprobs: true, top_logprobs: 3 }, 'logprobs');
  rejects({ logit_bias: { '50256': -100 } }, 'logit_bias');
  rejects({ presence_penalty: 0.5 }, 'presence_penalty');
  rejects({ frequency_penalty: -1 }, 'frequency_penalty');
  rejects({ modalities: ['text', 'audio'] }, 'modalities');
  rejects({ functions: [{ name: 'f' }] }, 'functions');
  rejects({ web_search_options: {} }, 'web_search_options');
  const body = bodyFor({
    n: 1,
    seed: 7,
    logprobs: false,
    presence_penalty: 0,
    service_tier: 'auto',
    store: true,
    metadata: { a: 'b' },
    verbosity: 'low',
    prediction: { type: 'content', content: 'x' },
  });
  assert.deepEqual(Object.keys(body).sort(), ['max_tokens', 'messages', 'model']);
});

test('user → metadata.user_id, except values that look like personal data', () => {
  assert.deepEqual(bodyFor({ user: 'u-123' }).metadata, { user_id: 'u-123' });
  assert.deepEqual(bodyFor({ user: 'u-123', safety_identifier: 'hash-9' }).metadata, { user_id: 'hash-9' });
  assert.equal(bodyFor({ user: 'jane@example.com' }).metadata, undefined);
  assert.equal(bodyFor({ user: '+1 (555) 010-9999' }).metadata, undefined);
});

test('stream flag follows the context', () => {
  assert.equal(bodyFor({}, 'claude-sonnet-4-5', true).stream, true);
  assert.equal(bodyFor({}).stream, undefined);
});

test('response_format: native output_config.format where supported, the forced JSON tool elsewhere', () => {
  const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
  const format = { type: 'json_schema', json_schema: { name: 'place', strict: true, schema } };
  const native = bodyFor({ response_format: format });
  assert.deepEqual(native.output_config, { format: { type: 'json_schema', schema } });
  assert.equal(native.tools, undefined);

  const fallback = bodyFor({ response_format: format }, 'claude-3-5-haiku-latest');
  assert.equal(fallback.output_config, undefined);
  assert.deepEqual(fallback.tools?.map((tool) => [tool.name, tool.input_schema]), [['switchyard_json_response', schema]]);
  assert.deepEqual(fallback.tool_choice, { type: 'tool', name: 'switchyard_json_response', disable_parallel_tool_use: true });

  const withTools = bodyFor({ response_format: { type: 'json_object' }, tools: [{ type: 'function', function: { name: 'lookup' } }] });
  assert.deepEqual(withTools.tools?.map((tool) => tool.name), ['lookup', 'switchyard_json_response']);
  assert.deepEqual(withTools.tool_choice, { type: 'any' });
});
