import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeFloat32Base64, encodeFloat32Base64, float32Count, isFloat32Base64 } from './float32-base64.js';

const values = [-0.0069292834, 0.1, 1, -2.5, 3.4028234663852886e38, 1e-45, 0, -0];

test('base64 is the little-endian float32 bytes, byte for byte what a Float32Array holds', () => {
  const floats = Float32Array.from(values);
  const expected = Buffer.from(floats.buffer).toString('base64');
  assert.equal(encodeFloat32Base64(values), expected);
  // Explicitly little-endian, whatever the host: the first value's bytes.
  const bytes = Buffer.from(encodeFloat32Base64([1]), 'base64');
  assert.deepEqual([...bytes], [0x00, 0x00, 0x80, 0x3f]);
});

test('decoding gives what the openai SDK decodes: the float32 values', () => {
  const decoded = decodeFloat32Base64(encodeFloat32Base64(values));
  assert.deepEqual(decoded, Array.from(Float32Array.from(values)));
  assert.equal(float32Count(encodeFloat32Base64(values)), values.length);
  assert.equal(float32Count(encodeFloat32Base64([0.5, 0.25, 0.125])), 3);
  assert.equal(encodeFloat32Base64([]), '');
});

test('text that is not base64 of whole float32 values is recognised', () => {
  assert.equal(isFloat32Base64(encodeFloat32Base64([1, 2, 3])), true);
  assert.equal(isFloat32Base64('AAA='), false, '2 bytes are not a float32');
  assert.equal(isFloat32Base64('not base64!'), false);
  assert.equal(isFloat32Base64('AAAAA'), false);
  assert.equal(decodeFloat32Base64('AAA='), null);
});

test('only canonical base64 passes: what decodes and encodes back to itself', () => {
  const text = encodeFloat32Base64([0.5, -1.25, 3]);
  assert.equal(isFloat32Base64(text), true);
  // A character Node's decoder would skip, the URL-safe alphabet, and misplaced padding.
  assert.equal(isFloat32Base64(`${text.slice(0, -4)}AA!A`), false);
  assert.equal(isFloat32Base64(text.replace(/[A-Za-z]/, '-')), false);
  assert.equal(isFloat32Base64(`=${text.slice(1)}`), false);
  assert.equal(isFloat32Base64(`AA==${text.slice(4)}`), false);
  // Whitespace inside would be skipped by the decoder: refused too.
  assert.equal(isFloat32Base64(`${text.slice(0, 8)}\n${text.slice(9)}`), false);
  assert.equal(isFloat32Base64(''), true, 'no values');
});
