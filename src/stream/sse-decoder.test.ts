import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SseDecoder } from './sse-decoder.js';

const bytes = (text: string) => new TextEncoder().encode(text);

test('splits events on blank lines and joins multi-line data', () => {
  const decoder = new SseDecoder();
  const events = decoder.push(bytes('data: {"a":1}\n\ndata: line1\ndata: line2\n\n'));
  assert.deepEqual(events, [
    { event: undefined, data: '{"a":1}' },
    { event: undefined, data: 'line1\nline2' },
  ]);
});

test('keeps event names and skips comment lines such as OpenRouter keep-alives', () => {
  const decoder = new SseDecoder();
  const events = decoder.push(bytes(': OPENROUTER PROCESSING\n\nevent: message_start\ndata: {"x":1}\n\n'));
  assert.deepEqual(events, [{ event: 'message_start', data: '{"x":1}' }]);
});

test('handles CRLF and CR line endings split across chunks', () => {
  const decoder = new SseDecoder();
  const first = decoder.push(bytes('data: one\r'));
  const second = decoder.push(bytes('\n\r\ndata: two\r\r'));
  assert.deepEqual([...first, ...second], [
    { event: undefined, data: 'one' },
    { event: undefined, data: 'two' },
  ]);
});

test('reassembles a multi-byte character split across chunks', () => {
  const decoder = new SseDecoder();
  const encoded = bytes('data: héllo 你好\n\n');
  const events = [...decoder.push(encoded.slice(0, 9)), ...decoder.push(encoded.slice(9))];
  assert.deepEqual(events, [{ event: undefined, data: 'héllo 你好' }]);
});

test('delivers a final event without a trailing blank line at end of stream', () => {
  const decoder = new SseDecoder();
  assert.deepEqual(decoder.push(bytes('data: [DONE]')), []);
  assert.deepEqual(decoder.end(), [{ event: undefined, data: '[DONE]' }]);
});
