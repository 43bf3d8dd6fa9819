import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProviderEndpoint } from '../../../config/config.js';
import { GatewayError } from '../../../core/errors.js';
import { embeddingAdapterFor } from '../../embedding-vendors.js';
import { encodeFloat32Base64 } from '../../float32-base64.js';
import { embeddingRequest, testEndpoint } from '../../test-request.js';

const adapterOf = (endpoint: ProviderEndpoint) => {
  const adapter = embeddingAdapterFor(endpoint);
  if (adapter === null) throw new Error(`no adapter for ${endpoint.type}`);
  return adapter;
};

const build = (type: string, body: Record<string, unknown>, extra: Partial<ProviderEndpoint> = {}, model = 'up-model') => {
  const endpoint = testEndpoint(type, extra);
  const requests = adapterOf(endpoint).buildRequests(embeddingRequest(body), endpoint, { upstreamModel: model, provider: type });
  assert.equal(requests.length, 1);
  const [request] = requests;
  if (request === undefined) throw new Error('no request');
  return { ...request, json: JSON.parse(request.body) as Record<string, unknown> };
};

const convert = (type: string, body: unknown, requestBody: Record<string, unknown> = {}) =>
  adapterOf(testEndpoint(type)).convertResponses([body], embeddingRequest(requestBody), { upstreamModel: 'up-model', provider: type });

test('OpenAI: the body goes through as sent, model rewritten, base64 asked for when the client asks', () => {
  const sent = build('openai', { model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'base64', dimensions: 256, user: 'u1', models: ['x'], extra_field: 1 });
  assert.equal(sent.url, 'https://example.test/v1/embeddings');
  assert.equal(sent.headers.authorization, 'Bearer secret');
  assert.deepEqual(sent.json, { extra_field: 1, model: 'up-model', input: ['a', 'b'], encoding_format: 'base64', dimensions: 256, user: 'u1' });
  assert.deepEqual(build('openai', { input: [[1, 2], [3]] }).json, { model: 'up-model', input: [[1, 2], [3]] });
});

test('Azure: the deployment in the URL with api-version, the key in api-key', () => {
  const sent = build('azure', { input: 'x' }, { baseUrl: 'https://east.openai.azure.com', apiVersion: '2024-10-21' }, 'embed-prod');
  assert.equal(sent.url, 'https://east.openai.azure.com/openai/deployments/embed-prod/embeddings?api-version=2024-10-21');
  assert.equal(sent.headers['api-key'], 'secret');
  assert.equal(sent.headers.authorization, undefined);
  assert.equal(build('azure', { input: 'x' }, { baseUrl: 'https://east.openai.azure.com' }).url, 'https://east.openai.azure.com/openai/v1/embeddings');
  assert.throws(
    () => build('azure', { input: 'x' }, { baseUrl: 'https://east.openai.azure.com', apiVersion: '2024-10-21' }, '../admin'),
    (error: unknown) => error instanceof GatewayError && error.param === 'model',
  );
});

test('vendors are asked for floats; Mistral names the output size output_dimension', () => {
  const mistral = build('mistral', { input: 'x', encoding_format: 'base64', dimensions: 512 });
  assert.deepEqual(mistral.json, { model: 'up-model', input: 'x', output_dimension: 512 });
  assert.deepEqual(build('dashscope', { input: ['x'], encoding_format: 'base64' }).json, { model: 'up-model', input: ['x'] });
  assert.equal(build('ollama', { input: 'x' }, { apiKey: null }).headers.authorization, undefined);
});

test('answers come back in input order (by index), floats or base64 as sent, with the upstream usage', () => {
  const base64 = encodeFloat32Base64([0.5, 0.25]);
  const result = convert(
    'openai',
    {
      object: 'list',
      data: [
        { object: 'embedding', index: 1, embedding: base64 },
        { object: 'embedding', index: 0, embedding: [0.1, 0.2] },
      ],
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 8, total_tokens: 8 },
    },
    { input: ['first', 'second'] },
  );
  assert.deepEqual(result.vectors, [
    { format: 'float', values: [0.1, 0.2] },
    { format: 'base64', data: base64 },
  ]);
  assert.deepEqual([result.model, result.promptTokens, result.estimated], ['text-embedding-3-small', 8, false]);
});

test('no usage in the answer: prompt tokens are estimated (~4 characters a token), and flagged so', () => {
  const result = convert('ollama', { data: [{ embedding: [1] }] }, { input: 'sixteen chars!!!' });
  assert.deepEqual([result.promptTokens, result.estimated, result.model], [4, true, 'up-model']);
});

test('malformed answers are upstream errors (502, counted against the deployment)', () => {
  const upstreamFault = (error: unknown) => error instanceof GatewayError && error.status === 502 && error.deploymentFault;
  assert.throws(() => convert('openai', { data: 'nope' }), upstreamFault);
  assert.throws(() => convert('openai', { data: [] }), upstreamFault, 'one input, no embedding');
  assert.throws(() => convert('openai', { data: [{ index: 0, embedding: [1] }, { index: 0, embedding: [2] }] }, { input: ['a', 'b'] }), upstreamFault);
  assert.throws(() => convert('openai', { data: [{ index: 5, embedding: [1] }] }), upstreamFault);
  assert.throws(() => convert('openai', { data: [{ index: 0, embedding: 'AAA=' }] }), upstreamFault, 'base64 of 2 bytes');
  // Each field the conversion reads, of the wrong type.
  for (const body of [
    null,
    [],
    { data: [{ index: -1, embedding: [1] }] },
    { data: [{ index: 0.5, embedding: [1] }] },
    { data: [{ index: '0', embedding: [1] }] },
    { data: [{ index: 0, embedding: [1, '2'] }] },
    { data: [{ index: 0, embedding: { 0: 1 } }] },
    { data: [{ index: 0 }] },
    { data: [null] },
    { data: [{ embedding: [1] }], model: 7 },
    { data: [{ embedding: [1] }], usage: { prompt_tokens: '3' } },
    { data: [{ embedding: [1] }], usage: { prompt_tokens: -3 } },
    { data: [{ embedding: [1] }], usage: 3 },
  ]) {
    assert.throws(() => convert('openai', body), upstreamFault, JSON.stringify(body));
  }
  // What the fields may also be: no index, no model, a null usage, fields the conversion does not read.
  const loose = convert('openai', { data: [{ embedding: [1], extra: true }], usage: null, object: 'list' });
  assert.deepEqual([loose.vectors, loose.model, loose.estimated], [[{ format: 'float', values: [1] }], 'up-model', true]);
});

test("OpenAI's own answer, already the response the client gets, is kept as its JSON text; any other is encoded", async () => {
  const { withRawJson } = await import('../../../core/raw-json.js');
  const answer = (data: unknown[], extra: Record<string, unknown> = {}) => {
    const body = { object: 'list', data, model: 'text-embedding-3-small', usage: { prompt_tokens: 4, total_tokens: 4 }, ...extra };
    const text = JSON.stringify(body);
    return { text, body: withRawJson(JSON.parse(text) as object, text) };
  };
  const floatData = [
    { object: 'embedding', index: 0, embedding: [0.5, -1e-7] },
    { object: 'embedding', index: 1, embedding: [0.25, 2] },
  ];
  const floats = answer(floatData);
  const twoInputs = { input: ['a', 'b'] };
  assert.equal(convert('openai', floats.body, twoInputs).rawJson, floats.text);
  assert.equal(convert('openai-compatible', floats.body, twoInputs).rawJson, undefined, 'only a vendor known to be conformant');
  assert.equal(convert('azure', floats.body, twoInputs).rawJson, undefined);
  const base64 = answer([{ object: 'embedding', index: 0, embedding: encodeFloat32Base64([1, 2]) }]);
  assert.equal(convert('openai', base64.body, { input: 'a', encoding_format: 'base64' }).rawJson, base64.text);
  assert.equal(convert('openai', floats.body, { ...twoInputs, encoding_format: 'base64' }).rawJson, undefined, 'floats for a base64 request are encoded');
  const reordered = answer([
    { object: 'embedding', index: 1, embedding: [0.25, 2] },
    { object: 'embedding', index: 0, embedding: [0.5, -1e-7] },
  ]);
  const result = convert('openai', reordered.body, twoInputs);
  assert.equal(result.rawJson, undefined, 'out of order: put in order by the encoder');
  assert.deepEqual(result.vectors[0], { format: 'float', values: [0.5, -1e-7] });
  assert.equal(convert('openai', answer(floatData, { usage: undefined }).body, twoInputs).rawJson, undefined, 'no usage: the estimate is reported');
});
