import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunkTextLength, rawChunk } from './raw-chunk.js';

const base = { id: 'c', created: 1, model: 'm' };

test('the text a raw chunk carries is measured from its JSON, escaped quotes included', () => {
  const raw = (content: string) => rawChunk(`{"id":"c","choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}},"finish_reason":null}]}`, base);
  assert.equal(chunkTextLength(raw('Hello')), 5);
  assert.equal(chunkTextLength(raw('say "hi"')), 'say \\"hi\\"'.length, 'escapes count as written');
  assert.equal(chunkTextLength(raw('ends with \\')), 'ends with \\\\'.length);
  assert.equal(chunkTextLength(rawChunk('{"id":"c","choices":[]}', base)), 0);
});

test('a parsed chunk counts content, reasoning and tool arguments', () => {
  const chunk = { ...base, object: 'chat.completion.chunk' as const, choices: [{ index: 0, delta: { content: 'ab', reasoning_content: 'cde', tool_calls: [{ index: 0, function: { arguments: '{}' } }] }, logprobs: null, finish_reason: null }] };
  assert.equal(chunkTextLength(chunk), 7);
});
