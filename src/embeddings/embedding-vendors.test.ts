import assert from 'node:assert/strict';
import { test } from 'node:test';
import { embeddingAdapterFor, embeddingRefusal } from './embedding-vendors.js';
import { embeddingRequest, testEndpoint } from './test-request.js';

test('providers without an embeddings API have no adapter, and the refusal says so', () => {
  for (const type of ['anthropic', 'deepseek', 'groq', 'xai', 'moonshot']) {
    assert.equal(embeddingAdapterFor(testEndpoint(type)), null, type);
    const refusal = embeddingRefusal(embeddingRequest({ model: 'claude-4-5-sonnet' }), testEndpoint(type));
    assert.deepEqual([refusal?.status, refusal?.code, refusal?.param], [400, 'unsupported_parameter', 'model']);
    assert.match(refusal?.message ?? '', /no embeddings API/);
  }
});

test('OpenAI, Azure, Gemini, the embedding vendors and unknown OpenAI-compatible servers embed', () => {
  for (const type of ['openai', 'azure', 'gemini', 'mistral', 'together', 'fireworks', 'dashscope', 'zhipu', 'ark', 'openrouter', 'ollama', 'openai-compatible', 'some-new-type']) {
    assert.notEqual(embeddingAdapterFor(testEndpoint(type)), null, type);
    assert.equal(embeddingRefusal(embeddingRequest({}), testEndpoint(type)), null, type);
  }
});

test('token arrays go only where they are understood; dimensions only where an output size exists', () => {
  const tokens = embeddingRequest({ input: [[1, 2], [3]] });
  for (const type of ['openai', 'azure', 'openai-compatible']) assert.equal(embeddingRefusal(tokens, testEndpoint(type)), null, type);
  for (const type of ['gemini', 'mistral', 'dashscope', 'ollama']) assert.equal(embeddingRefusal(tokens, testEndpoint(type))?.param, 'input', type);
  const shortened = embeddingRequest({ dimensions: 256 });
  for (const type of ['openai', 'gemini', 'mistral', 'zhipu']) assert.equal(embeddingRefusal(shortened, testEndpoint(type)), null, type);
  for (const type of ['together', 'ark']) assert.equal(embeddingRefusal(shortened, testEndpoint(type))?.param, 'dimensions', type);
});
