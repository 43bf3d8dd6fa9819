import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { readFixture } from './__fixtures__/fixtures.js';
import { isPlainGeminiResponse } from './plain-response.js';
import { geminiResponseSchema } from './upstream-schema.js';

const names = readdirSync(new URL('./__fixtures__/', import.meta.url));
/** Every recorded answer and every recorded stream event that is a response (not an error, not a request). */
const bodies = [
  ...names.filter((name) => name.endsWith('.json') && !name.includes('error') && !name.includes('request')).map((name) => ({ name, body: JSON.parse(readFixture(name)) as unknown })),
  ...names
    .filter((name) => name.endsWith('.chunks.txt'))
    .flatMap((name) => readFixture(name).split('\n').filter((line) => line.trim() !== '').map((line, index) => ({ name: `${name}#${index}`, body: JSON.parse(line) as unknown }))),
].filter(({ body }) => typeof body === 'object' && body !== null && !('error' in body));

test('what the plain check takes, the schema reads as the very same object', () => {
  let plain = 0;
  for (const { name, body } of bodies) {
    if (!isPlainGeminiResponse(body)) continue;
    plain += 1;
    assert.deepEqual(geminiResponseSchema.parse(body), body, name);
  }
  assert.ok(plain >= bodies.length - 2, `${plain} of ${bodies.length} recorded bodies are plain (only logprobs are not)`);
});

test('whatever is unusual is left to the schema', () => {
  const base = { candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 1 } };
  const odd: Array<[string, unknown]> = [
    ['logprobs', { candidates: [{ ...base.candidates[0], logprobsResult: { chosenCandidates: [] } }] }],
    ['a count that is a string', { ...base, usageMetadata: { promptTokenCount: '3' } }],
    ['a negative count', { ...base, usageMetadata: { promptTokenCount: -1 } }],
    ['text that is not a string', { candidates: [{ content: { parts: [{ text: 5 }] } }] }],
    ['a function call without a name', { candidates: [{ content: { parts: [{ functionCall: { args: {} } }] } }] }],
    ['args that are a list', { candidates: [{ content: { parts: [{ functionCall: { name: 'f', args: [] } }] } }] }],
    ['a fractional index', { candidates: [{ ...base.candidates[0], index: 0.5 }] }],
    ['not an object', []],
  ];
  assert.equal(isPlainGeminiResponse(base), true);
  for (const [what, body] of odd) assert.equal(isPlainGeminiResponse(body), false, what);
});
