import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayError } from '../core/errors.js';
import { MAX_EMBEDDING_INPUTS, parseEmbeddingRequest } from './embedding-request.js';

const refused = (body: unknown, param: string | null) => {
  const parsed = parseEmbeddingRequest(body);
  assert.equal(parsed.ok, false, JSON.stringify(body).slice(0, 80));
  if (parsed.ok) return;
  assert.ok(parsed.error instanceof GatewayError);
  assert.deepEqual([parsed.error.status, parsed.error.code, parsed.error.param], [400, 'invalid_request', param], parsed.error.message);
};

test('the four input shapes normalise to a list, remembering what was sent', () => {
  const cases: Array<[unknown, 'text' | 'tokens', number]> = [
    ['one text', 'text', 1],
    [['a', 'b', 'c'], 'text', 3],
    [[1, 2, 3], 'tokens', 1],
    [[[1, 2], [3]], 'tokens', 2],
  ];
  for (const [input, kind, count] of cases) {
    const parsed = parseEmbeddingRequest({ model: 'text-embedding-3-small', input });
    assert.ok(parsed.ok);
    assert.equal(parsed.request.input.kind, kind);
    assert.equal(parsed.request.input.items.length, count);
    assert.deepEqual(parsed.request.input.sent, input);
  }
});

test('defaults and options: float unless base64 is asked for; unknown fields are kept to forward', () => {
  const plain = parseEmbeddingRequest({ model: 'm', input: 'x' });
  assert.ok(plain.ok);
  assert.deepEqual([plain.request.encodingFormat, plain.request.dimensions, plain.request.user, plain.request.models], ['float', null, null, []]);
  const full = parseEmbeddingRequest({ model: 'm', input: 'x', encoding_format: 'base64', dimensions: 256, user: 'u1', models: ['b'], truncate: 'END' });
  assert.ok(full.ok);
  assert.deepEqual([full.request.encodingFormat, full.request.dimensions, full.request.user, full.request.models], ['base64', 256, 'u1', ['b']]);
  assert.deepEqual(full.request.extra, { truncate: 'END' });
  const nulls = parseEmbeddingRequest({ model: 'm', input: 'x', encoding_format: null, dimensions: null });
  assert.ok(nulls.ok);
  assert.equal(nulls.request.encodingFormat, 'float');
});

test('empty input, empty strings and empty token arrays are refused, naming the element', () => {
  refused({ model: 'm', input: '' }, 'input');
  refused({ model: 'm', input: [] }, 'input');
  refused({ model: 'm', input: ['a', ''] }, 'input[1]');
  refused({ model: 'm', input: [[1], []] }, 'input[1]');
  refused({ model: 'm' }, 'input');
  refused({ model: 'm', input: { text: 'x' } }, 'input');
  refused({ model: 'm', input: ['a', 1] }, 'input[1]');
  refused({ model: 'm', input: [1, 2.5] }, 'input');
  refused({ model: 'm', input: [-1] }, 'input');
  refused({ model: 'm', input: [[1], [2, -3]] }, 'input[1]');
});

test(`more than ${MAX_EMBEDDING_INPUTS} inputs are refused; exactly that many are fine`, () => {
  assert.ok(parseEmbeddingRequest({ model: 'm', input: Array.from({ length: MAX_EMBEDDING_INPUTS }, () => 'x') }).ok);
  refused({ model: 'm', input: Array.from({ length: MAX_EMBEDDING_INPUTS + 1 }, () => 'x') }, 'input');
  refused({ model: 'm', input: Array.from({ length: MAX_EMBEDDING_INPUTS + 1 }, () => [1]) }, 'input');
});

test('model, encoding_format and dimensions are validated', () => {
  refused({ input: 'x' }, 'model');
  refused({ model: 'bad\nname', input: 'x' }, 'model');
  refused({ model: 'm', input: 'x', encoding_format: 'binary' }, 'encoding_format');
  refused({ model: 'm', input: 'x', dimensions: 0 }, 'dimensions');
  refused({ model: 'm', input: 'x', dimensions: 1.5 }, 'dimensions');
  refused([], null);
  assert.equal(parseEmbeddingRequest(undefined).ok, false);
});
