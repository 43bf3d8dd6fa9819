import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { GatewayError } from '../../core/errors.js';
import { SseDecoder } from '../../stream/sse-decoder.js';
import { createMessagesStreamScanner } from './messages-stream-scanner.js';

const fixture = (name: string) => readFileSync(new URL(`../../providers/anthropic/__fixtures__/${name}`, import.meta.url), 'utf8');

/** A recorded `*.chunks.txt` as the named SSE events Anthropic sends. */
function scan(chunks: string) {
  const scanner = createMessagesStreamScanner();
  const sse = chunks
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`)
    .join('');
  for (const event of new SseDecoder().push(new TextEncoder().encode(sse))) scanner.push(event);
  return scanner;
}

test('usage from message_start, revised by message_delta (recorded: input 43 at start, 61 at the end)', () => {
  const scanner = scan(fixture('anthropic-message-delta-input-tokens.chunks.txt'));
  assert.equal(scanner.done, true);
  assert.equal(scanner.usage()?.prompt_tokens, 61);
  assert.equal(scanner.usage()?.completion_tokens, 2);
  assert.equal(scanner.textLength, 'pong'.length);
});

test('cache reads and writes are normalised into prompt tokens', () => {
  const scanner = createMessagesStreamScanner();
  scanner.push({ event: 'message_start', data: '{"type":"message_start","message":{"usage":{"input_tokens":5,"cache_read_input_tokens":100,"cache_creation_input_tokens":20,"output_tokens":1}}}' });
  scanner.push({ event: 'message_delta', data: '{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":7}}' });
  assert.equal(scanner.done, false);
  scanner.push({ event: 'message_stop', data: '{"type":"message_stop"}' });
  const usage = scanner.usage();
  assert.deepEqual([usage?.prompt_tokens, usage?.completion_tokens, usage?.prompt_tokens_details?.cached_tokens, usage?.prompt_tokens_details?.cache_write_tokens], [125, 7, 100, 20]);
  assert.equal(scanner.done, true);
});

test('an error event throws the mapped error; unknown and unreadable events pass untouched', () => {
  const scanner = createMessagesStreamScanner();
  scanner.push({ event: 'ping', data: '{"type":"ping"}' });
  scanner.push({ event: 'future_event', data: '{"type":"future_event","x":1}' });
  scanner.push({ event: 'content_block_delta', data: 'not json' });
  assert.equal(scanner.usage(), undefined);
  assert.throws(
    () => scanner.push({ event: 'error', data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' }),
    (error: unknown) => error instanceof GatewayError && error.status === 503 && /Overloaded/.test(error.message),
  );
});

test('text, thinking and tool-input deltas are measured as written, without being parsed', () => {
  const scanner = createMessagesStreamScanner();
  const delta = (body: string) => ({ event: 'content_block_delta', data: `{"type":"content_block_delta","index":0,"delta":${body}}` });
  scanner.push(delta('{"type":"text_delta","text":"say \\"hi\\""}'));
  scanner.push(delta('{"type":"thinking_delta","thinking":"hmm"}'));
  scanner.push(delta('{"type":"input_json_delta","partial_json":"{\\"a\\":1"}'));
  scanner.push(delta('{"type":"signature_delta","signature":"c2lnbmF0dXJl"}'));
  assert.equal(scanner.textLength, 'say \\"hi\\"'.length + 'hmm'.length + '{\\"a\\":1'.length);
  // The other events are still read: an error event still fails the stream.
  assert.throws(() => scanner.push({ event: 'error', data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' }), GatewayError);
});
