import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeEmbeddingsResponse } from './encode-embeddings-response.js';
import { encodeFloat32Base64 } from './float32-base64.js';
import type { EmbeddingResult } from './embedding-result.js';

const result: EmbeddingResult = {
  vectors: [
    { format: 'float', values: [0.1, -0.2] },
    { format: 'base64', data: encodeFloat32Base64([0.5, 0.25]) },
  ],
  model: 'text-embedding-3-small',
  promptTokens: 9,
  estimated: false,
};

test("OpenAI's list shape, with indexes in input order and prompt-only usage", () => {
  const body = encodeEmbeddingsResponse(result, 'float');
  assert.deepEqual(body, {
    object: 'list',
    data: [
      { object: 'embedding', index: 0, embedding: [0.1, -0.2] },
      { object: 'embedding', index: 1, embedding: [0.5, 0.25] },
    ],
    model: 'text-embedding-3-small',
    usage: { prompt_tokens: 9, total_tokens: 9 },
  });
});

test('base64 asked for: floats are encoded, base64 from the upstream passes through untouched', () => {
  const body = encodeEmbeddingsResponse(result, 'base64');
  assert.equal(body.data[0]?.embedding, encodeFloat32Base64([0.1, -0.2]));
  assert.equal(body.data[1]?.embedding, result.vectors[1]?.format === 'base64' ? result.vectors[1].data : '');
});
