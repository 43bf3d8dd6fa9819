import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SseDecoder } from '../../stream/sse-decoder.js';
import type { AnthropicInbound } from './anthropic-inbound.js';
import { messagesNativeWire } from './messages-native-wire.js';
import { createStreamModelRenamer, renameAnswerModel } from './rename-answer-model.js';

const fixture = (name: string) => readFileSync(new URL(`../../providers/anthropic/__fixtures__/${name}`, import.meta.url), 'utf8');
const UPSTREAM = 'claude-haiku-4-5-20251001';
const inbound = (model: string) => ({ request: { model } }) as unknown as AnthropicInbound;

/** A recorded `*.chunks.txt` as the named SSE events Anthropic sends, with CRLF line ends to be strict. */
const sse = fixture('anthropic-json-other-tool.1.chunks.txt')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\r\ndata: ${line}\r\n\r\n`)
  .join('');
const bytes = new TextEncoder().encode(`: keep-alive\n\n${sse}`);
const expected = `: keep-alive\n\n${sse.replace(`"model":"${UPSTREAM}"`, '"model":"my-haiku"')}`;

test('a Message names the requested model; the rest of the body is byte for byte the same', () => {
  const json = fixture('anthropic-json-other-tool.1.json');
  const renamed = renameAnswerModel(json, 'my-haiku');
  assert.equal(renamed, json.replace(`"model": "${UPSTREAM}"`, '"model": "my-haiku"'));
  assert.equal(messagesNativeWire.rewriteAnswer?.(json, inbound('my-haiku'), UPSTREAM), renamed);
  assert.equal(messagesNativeWire.rewriteAnswer?.(json, inbound(UPSTREAM), UPSTREAM), json, 'same name: untouched');
  assert.equal(messagesNativeWire.rewriteStream?.(inbound(UPSTREAM), UPSTREAM), null, 'same name: no stream transform');
});

test('the stream renames message_start split at every byte, then passes bytes through as they are', () => {
  for (let cut = 0; cut <= bytes.length; cut += 1) {
    const rename = createStreamModelRenamer('my-haiku');
    const parts = [rename(bytes.subarray(0, cut)), rename(bytes.subarray(cut, cut + 7)), rename(bytes.subarray(cut + 7))];
    assert.equal(parts.map((part) => new TextDecoder().decode(part)).join(''), expected, `cut at ${cut}`);
  }
  const rename = createStreamModelRenamer('my-haiku');
  rename(bytes);
  const later = new TextEncoder().encode('event: ping\ndata: {"type":"ping","model":"x"}\n\n');
  assert.equal(rename(later), later, 'the identity once message_start passed');
  const events = new SseDecoder().push(new TextEncoder().encode(expected));
  assert.equal((JSON.parse(events[0]?.data ?? '') as { message: { model: string } }).message.model, 'my-haiku');
});

test('a stream that starts with another event (an error) goes through unchanged', () => {
  const error = new TextEncoder().encode('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n');
  assert.deepEqual(createStreamModelRenamer('my-haiku')(error), error);
});
