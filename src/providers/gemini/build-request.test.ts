import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProviderEndpoint } from '../../config/config.js';
import { chatRequestSchema, type ChatRequest } from '../../core/chat-request.js';
import { GatewayError } from '../../core/errors.js';
import { readJsonFixture, testContext } from './__fixtures__/fixtures.js';
import { buildGeminiRequest, modelUrl } from './build-request.js';

const endpoint: ProviderEndpoint = {
  name: 'gemini',
  type: 'gemini',
  baseUrl: 'https://generativelanguage.googleapis.com',
  apiKey: 'AIza-test-key',
  apiVersion: null,
  headers: { 'x-extra': 'yes' },
};

const parse = (body: unknown): ChatRequest => chatRequestSchema.parse(body);

function build(body: unknown, model = 'gemini-2.5-flash', stream = false) {
  const upstream = buildGeminiRequest(parse(body), endpoint, testContext({ upstreamModel: model, stream }));
  return { ...upstream, json: JSON.parse(upstream.body) as Record<string, unknown> };
}

function rejects(body: unknown, param: string, code: string, model = 'gemini-2.5-flash'): GatewayError {
  let caught: unknown;
  try {
    build(body, model);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof GatewayError, `expected a GatewayError for ${param}`);
  assert.equal(caught.status, 400);
  assert.equal(caught.param, param);
  assert.equal(caught.code, code);
  return caught;
}

const hello = { model: 'g', messages: [{ role: 'user', content: 'Hello' }] };

test('URL per mode, key in x-goog-api-key (not the query), content type and extra headers', () => {
  const plain = build(hello);
  assert.equal(plain.url, 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent');
  assert.deepEqual(plain.headers, { 'x-extra': 'yes', 'content-type': 'application/json', accept: 'application/json', 'x-goog-api-key': 'AIza-test-key' });
  const streamed = build(hello, 'gemini-2.5-flash', true);
  assert.equal(streamed.url, 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
  assert.equal(streamed.headers.accept, 'text/event-stream');
  assert.doesNotMatch(streamed.url, /key=/);
  assert.deepEqual(plain.json, { contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] });
});

test('base URLs with a trailing slash or a version, models/ and tunedModels/ ids', () => {
  assert.equal(modelUrl('http://127.0.0.1:9/', 'gemini-2.5-pro', false), 'http://127.0.0.1:9/v1beta/models/gemini-2.5-pro:generateContent');
  assert.equal(modelUrl('https://proxy.example/google/v1beta', 'models/gemini-2.5-pro', true), 'https://proxy.example/google/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse');
  assert.equal(modelUrl('https://g.example', 'tunedModels/my-model-1', false), 'https://g.example/v1beta/tunedModels/my-model-1:generateContent');
});

test('image request fixture: developer → systemInstruction, data-URL image, PDF file part and audio → inlineData', () => {
  assert.deepEqual(build(readJsonFixture('openai-image-request.json')).json, readJsonFixture('gemini-image-request.expected.json'));
});

test('json_schema → responseJsonSchema as sent on Gemini 2.5+, the converted OpenAPI subset on Gemini 2.0', () => {
  const request = readJsonFixture('openai-json-schema-request.json');
  assert.deepEqual(build(request).json, readJsonFixture('gemini-json-schema-request.expected.json'));
  assert.deepEqual(build(request, 'gemini-2.0-flash').json, readJsonFixture('gemini-json-schema-request-openapi.expected.json'));
});

test('json_object → responseMimeType application/json; text → nothing', () => {
  assert.deepEqual(build({ ...hello, response_format: { type: 'json_object' } }).json.generationConfig, { responseMimeType: 'application/json' });
  assert.equal(build({ ...hello, response_format: { type: 'text' } }).json.generationConfig, undefined);
});

test('a recursive response schema on an OpenAPI-subset model is a clear 400', () => {
  const schema = { type: 'object', properties: { child: { $ref: '#' } } };
  const error = rejects({ ...hello, response_format: { type: 'json_schema', json_schema: { name: 'tree', schema } } }, 'response_format.json_schema.schema', 'invalid_request', 'gemini-2.0-flash');
  assert.match(error.message, /recursive/);
});

test('sampling, length, stop, penalties, seed, n, logprobs → generationConfig', () => {
  const config = build({
    ...hello,
    temperature: 0.3,
    top_p: 0.9,
    top_k: 40,
    max_tokens: 100,
    max_completion_tokens: 512,
    stop: 'END',
    presence_penalty: 0.5,
    frequency_penalty: -0.5,
    seed: 42,
    n: 2,
    logprobs: true,
    top_logprobs: 3,
    user: 'someone',
    metadata: { team: 'a' },
    store: false,
  }).json.generationConfig;
  assert.deepEqual(config, {
    temperature: 0.3,
    topP: 0.9,
    topK: 40,
    maxOutputTokens: 512,
    stopSequences: ['END'],
    candidateCount: 2,
    presencePenalty: 0.5,
    frequencyPenalty: -0.5,
    seed: 42,
    responseLogprobs: true,
    logprobs: 3,
  });
  assert.deepEqual(build({ ...hello, max_tokens: 64, stop: ['a', '', 'b'], n: 1 }).json.generationConfig, { maxOutputTokens: 64, stopSequences: ['a', 'b'] });
});

test('reasoning_effort → thinkingConfig with thought summaries; none on 2.5 Flash → budget 0 without summaries', () => {
  assert.deepEqual(build({ ...hello, reasoning_effort: 'high' }, 'gemini-3-pro-preview').json.generationConfig, { thinkingConfig: { thinkingLevel: 'HIGH', includeThoughts: true } });
  assert.deepEqual(build({ ...hello, reasoning_effort: 'low' }).json.generationConfig, { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } });
  assert.deepEqual(build({ ...hello, reasoning_effort: 'none' }).json.generationConfig, { thinkingConfig: { thinkingBudget: 0, includeThoughts: false } });
  assert.equal(build({ ...hello, reasoning_effort: 'high' }, 'gemini-2.0-flash').json.generationConfig, undefined, 'a model that does not think cannot think harder: no thinkingConfig');
});

test('maxOutputTokens is lowered to the model’s output limit; unknown models get it as sent', () => {
  const config = (model: string, body: Record<string, unknown>) => build({ ...hello, ...body }, model).json.generationConfig as Record<string, unknown>;
  assert.equal(config('gemini-2.5-pro', { max_tokens: 100_000 }).maxOutputTokens, 65_536);
  assert.equal(config('gemini-3-pro-preview', { max_completion_tokens: 100_000 }).maxOutputTokens, 65_536);
  assert.equal(config('gemini-2.0-flash', { max_tokens: 32_000 }).maxOutputTokens, 8_192);
  assert.equal(config('gemini-2.5-flash', { max_tokens: 1000 }).maxOutputTokens, 1000);
  assert.equal(config('gemini-flash-latest', { max_tokens: 100_000 }).maxOutputTokens, 100_000, 'aliases are not placed');
  assert.equal(config('gemma-3-27b-it', { max_tokens: 100_000 }).maxOutputTokens, 100_000);
  const claudeCode = config('gemini-2.5-pro', { max_tokens: 32_000, reasoning_effort: 'high' });
  assert.deepEqual(claudeCode, { maxOutputTokens: 32_000, thinkingConfig: { thinkingBudget: 24576, includeThoughts: true } });
});

test('parameters that would change the answer are 400 unsupported_parameter, never dropped', () => {
  const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }];
  rejects({ ...hello, logit_bias: { '50256': -100 } }, 'logit_bias', 'unsupported_parameter');
  rejects({ ...hello, n: 9 }, 'n', 'unsupported_parameter');
  rejects({ ...hello, modalities: ['text', 'audio'], audio: { voice: 'alloy', format: 'wav' } }, 'modalities', 'unsupported_parameter');
  rejects({ ...hello, web_search_options: {} }, 'web_search_options', 'unsupported_parameter');
  rejects({ ...hello, verbosity: 'low' }, 'verbosity', 'unsupported_parameter');
  rejects({ ...hello, tools, parallel_tool_calls: false }, 'parallel_tool_calls', 'unsupported_parameter');
  rejects({ ...hello, tools: [{ type: 'custom', custom: { name: 'grammar' } }] }, 'tools[0]', 'unsupported_parameter');
  // Harmless combinations pass: parallel calls allowed, or no tools to call.
  assert.ok(build({ ...hello, tools, parallel_tool_calls: true }));
  assert.ok(build({ ...hello, parallel_tool_calls: false, logit_bias: {}, modalities: ['text'] }));
  assert.ok(build({ ...hello, tools, tool_choice: 'none', parallel_tool_calls: false }));
});

test('tools → functionDeclarations with parametersJsonSchema (2.5+) or the OpenAPI subset (2.0); no-arg functions have no schema', () => {
  const body = {
    ...hello,
    tools: [
      { type: 'function', function: { name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } } },
      { type: 'function', function: { name: 'now' } },
      { type: 'function', function: { name: 'ping', parameters: { type: 'object', properties: {} } } },
    ],
  };
  assert.deepEqual(build(body).json.tools, [
    {
      functionDeclarations: [
        { name: 'get_weather', description: 'Weather by city', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } },
        { name: 'now' },
        { name: 'ping', parametersJsonSchema: { type: 'object', properties: {} } },
      ],
    },
  ]);
  assert.deepEqual(build(body, 'gemini-2.0-flash').json.tools, [
    {
      functionDeclarations: [
        { name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
        { name: 'now' },
        { name: 'ping' },
      ],
    },
  ]);
  assert.equal(build(body).json.toolConfig, undefined, 'no tool_choice → Gemini default (AUTO)');
});

test('tool_choice forms → functionCallingConfig; allowed_tools auto narrows the declarations; strict tools → VALIDATED', () => {
  const tool = (name: string, strict?: boolean) => ({ type: 'function', function: { name, parameters: { type: 'object', properties: { q: { type: 'string' } } }, ...(strict ? { strict } : {}) } });
  const body = { ...hello, tools: [tool('a'), tool('b')] };
  const config = (extra: object, model?: string) => build({ ...body, ...extra }, model).json;
  assert.deepEqual(config({ tool_choice: 'auto' }).toolConfig, { functionCallingConfig: { mode: 'AUTO' } });
  assert.deepEqual(config({ tool_choice: 'none' }).toolConfig, { functionCallingConfig: { mode: 'NONE' } });
  assert.deepEqual(config({ tool_choice: 'required' }).toolConfig, { functionCallingConfig: { mode: 'ANY' } });
  assert.deepEqual(config({ tool_choice: { type: 'function', function: { name: 'b' } } }).toolConfig, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['b'] } });
  const allowedRequired = config({ tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'a' } }] } } });
  assert.deepEqual(allowedRequired.toolConfig, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['a'] } });
  const allowedAuto = config({ tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'b' } }] } } });
  assert.deepEqual(allowedAuto.toolConfig, { functionCallingConfig: { mode: 'AUTO' } });
  assert.deepEqual((allowedAuto.tools as { functionDeclarations: { name: string }[] }[])[0]?.functionDeclarations.map((declaration) => declaration.name), ['b']);
  assert.deepEqual(build({ ...hello, tools: [tool('a', true)] }).json.toolConfig, { functionCallingConfig: { mode: 'VALIDATED' } });
  assert.deepEqual(build({ ...hello, tools: [tool('a', true)], tool_choice: 'required' }).json.toolConfig, { functionCallingConfig: { mode: 'ANY' } });
  assert.equal(build({ ...hello, tools: [tool('a', true)] }, 'gemini-2.0-flash').json.toolConfig, undefined);
  rejects({ ...body, tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'zzz' } }] } } }, 'tool_choice.allowed_tools.tools[0]', 'invalid_request');
  rejects({ ...body, tool_choice: { type: 'custom', custom: { name: 'a' } } }, 'tool_choice', 'unsupported_parameter');
  assert.equal(build({ ...hello, tool_choice: 'auto' }).json.toolConfig, undefined, 'tool_choice without tools is moot');
});

test('legacy functions/function_call → declarations and ANY mode', () => {
  const json = build({ ...hello, functions: [{ name: 'lookup', parameters: { type: 'object', properties: { id: { type: 'integer' } } } }], function_call: { name: 'lookup' } }).json;
  assert.deepEqual(json.tools, [{ functionDeclarations: [{ name: 'lookup', parametersJsonSchema: { type: 'object', properties: { id: { type: 'integer' } } } }] }]);
  assert.deepEqual(json.toolConfig, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['lookup'] } });
});

test('protocols.md E.8 worked example (tool round trip, gemini-2.5-flash)', () => {
  const request = {
    model: 'claude-sonnet-4-5',
    max_tokens: 512,
    stream: true,
    stream_options: { include_usage: true },
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0...' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'toolu_01A', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'toolu_01A', content: '18C, sunny' },
    ],
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }],
    tool_choice: 'auto',
    stop: 'END',
    temperature: 0.3,
  };
  assert.deepEqual(build(request, 'gemini-2.5-flash', true).json, {
    systemInstruction: { parts: [{ text: 'Be brief.' }] },
    contents: [
      { role: 'user', parts: [{ text: 'Weather in Paris?' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0...' } }] },
      { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { content: '18C, sunny' } } }] },
    ],
    tools: [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }] }],
    toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
    generationConfig: { temperature: 0.3, maxOutputTokens: 512, stopSequences: ['END'] },
  });
});
