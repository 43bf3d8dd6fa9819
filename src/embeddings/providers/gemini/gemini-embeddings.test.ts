import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayError } from '../../../core/errors.js';
import { embeddingRequest, testEndpoint } from '../../test-request.js';
import { GEMINI_BATCH_LIMIT } from './build-batch-embed-request.js';
import { geminiEmbeddingAdapter } from './index.js';

const endpoint = testEndpoint('gemini', { baseUrl: 'https://generativelanguage.googleapis.com' });
const context = { upstreamModel: 'gemini-embedding-001', provider: 'gemini' };

test('one batchEmbedContents call per 100 inputs, key in x-goog-api-key, dimensions as outputDimensionality', () => {
  const request = embeddingRequest({ input: ['a', 'b'], dimensions: 768, user: 'ignored' });
  const [call, ...rest] = geminiEmbeddingAdapter.buildRequests(request, endpoint, context);
  assert.equal(rest.length, 0);
  assert.equal(call?.url, 'https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents');
  assert.equal(call?.headers['x-goog-api-key'], 'secret');
  assert.ok(!call?.url.includes('secret'));
  assert.deepEqual(JSON.parse(call?.body ?? '{}'), {
    requests: [
      { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'a' }] }, outputDimensionality: 768 },
      { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'b' }] }, outputDimensionality: 768 },
    ],
  });

  const many = embeddingRequest({ input: Array.from({ length: 250 }, (_, index) => `text ${index}`) });
  const batches = geminiEmbeddingAdapter.buildRequests(many, endpoint, context).map((part) => JSON.parse(part.body) as { requests: unknown[] });
  assert.deepEqual(batches.map((batch) => batch.requests.length), [GEMINI_BATCH_LIMIT, GEMINI_BATCH_LIMIT, 50]);
});

test('the model id stays one path segment; a base URL with a version is used as is', () => {
  const refusesModel = (error: unknown) => error instanceof GatewayError && error.param === 'model';
  for (const model of ['../x', 'a:b', 'a/b', 'a%2f']) {
    assert.throws(() => geminiEmbeddingAdapter.buildRequests(embeddingRequest({}), endpoint, { ...context, upstreamModel: model }), refusesModel, model);
  }
  const versioned = testEndpoint('gemini', { baseUrl: 'https://proxy.test/v1' });
  const [call] = geminiEmbeddingAdapter.buildRequests(embeddingRequest({}), versioned, { ...context, upstreamModel: 'models/text-embedding-004' });
  assert.equal(call?.url, 'https://proxy.test/v1/models/text-embedding-004:batchEmbedContents');
  assert.equal((JSON.parse(call?.body ?? '{}') as { requests: Array<{ model: string }> }).requests[0]?.model, 'models/text-embedding-004');
});

test('token arrays are refused: Gemini embeds text only', () => {
  const refusal = geminiEmbeddingAdapter.refuse(embeddingRequest({ input: [1, 2, 3] }), endpoint);
  assert.deepEqual([refusal?.status, refusal?.code, refusal?.param], [400, 'unsupported_parameter', 'input']);
  assert.equal(geminiEmbeddingAdapter.refuse(embeddingRequest({ input: ['ok'] }), endpoint), null);
});

test('answers of all batches are joined in order; usage is estimated since Gemini reports none', () => {
  const request = embeddingRequest({ input: ['abcdefgh', 'abcd', 'a'] });
  const result = geminiEmbeddingAdapter.convertResponses(
    [{ embeddings: [{ values: [0.1, 0.2] }, { values: [0.3, 0.4] }] }, { embeddings: [{ values: [0.5, 0.6] }] }],
    request,
    context,
  );
  assert.deepEqual(
    result.vectors.map((vector) => (vector.format === 'float' ? vector.values : [])),
    [
      [0.1, 0.2],
      [0.3, 0.4],
      [0.5, 0.6],
    ],
  );
  assert.deepEqual([result.model, result.promptTokens, result.estimated], ['gemini-embedding-001', 2 + 1 + 1, true]);
});

test('a missing or malformed batch answer is an upstream error', () => {
  const request = embeddingRequest({ input: ['a', 'b'] });
  const upstreamFault = (error: unknown) => error instanceof GatewayError && error.status === 502 && error.deploymentFault;
  assert.throws(() => geminiEmbeddingAdapter.convertResponses([{ embeddings: [{ values: [1] }] }], request, context), upstreamFault);
  assert.throws(() => geminiEmbeddingAdapter.convertResponses([{ embedding: { values: [1] } }], request, context), upstreamFault);
});

test("Gemini's errors map as in chat: a bad key is the gateway's key, 429 keeps its retry delay", () => {
  const badKey = geminiEmbeddingAdapter.mapError(400, JSON.stringify({ error: { code: 400, message: 'API key not valid.', status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] } }), {});
  assert.equal(badKey.status, 401);
  const limited = geminiEmbeddingAdapter.mapError(429, JSON.stringify({ error: { code: 429, message: 'quota', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3s' }] } }), {});
  assert.equal(limited.headers['retry-after'], '3');
});
