import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { readStreamFixture } from './__fixtures__/replay.js';
import { anthropicStreamEventSchema } from './anthropic-response-schema.js';
import { plainStreamEvent } from './plain-stream-event.js';

const streams = readdirSync(new URL('./__fixtures__/', import.meta.url))
  .filter((name) => name.endsWith('.chunks.txt'))
  .map((name) => name.replace(/\.chunks\.txt$/, ''));

test('every event of every recorded stream: read by hand as the schema reads it, and the common ones without the schema', () => {
  const read = new Set<string>();
  let compared = 0;
  for (const name of streams) {
    for (const event of readStreamFixture(name)) {
      const json: unknown = JSON.parse(event.data);
      const plain = plainStreamEvent(json);
      if (plain === null) continue;
      const schema = anthropicStreamEventSchema.safeParse(json);
      assert.ok(schema.success, `${name}: the schema refuses what the reader took: ${event.data}`);
      assert.deepEqual(plain, schema.data, `${name}: ${event.data}`);
      read.add(plain.type);
      compared++;
    }
  }
  assert.ok(compared > 100, `events compared: ${compared}`);
  for (const type of ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']) {
    assert.ok(read.has(type), `${type} events take the plain path`);
  }
});

test('odd fields send the event to the schema, whose rules (bad counts read as null, unknown blocks kept as other) decide', () => {
  const odd: unknown[] = [
    { type: 'message_start', message: { id: 'msg_1', model: 'claude', usage: { input_tokens: -1 } } },
    { type: 'message_start', message: { id: 7, model: 'claude' } },
    { type: 'message_start', message: 'nope' },
    { type: 'message_start', message: { usage: { output_tokens_details: 'x' } } },
    { type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 'x', name: 'web_search' } },
    { type: 'content_block_start', index: -1, content_block: { type: 'text', text: '' } },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: 3 } },
    { type: 'message_delta', delta: { stop_reason: 5 }, usage: { output_tokens: 3 } },
    { type: 'message_delta', delta: { stop_reason: 'refusal', stop_details: { explanation: 1 } } },
    { type: 'message_delta', delta: 'stop', usage: {} },
    { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2.5 } },
    { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'citations_delta', citation: {} } },
    { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
  ];
  for (const json of odd) assert.equal(plainStreamEvent(json), null, JSON.stringify(json));
});

test('what the plain reader takes besides the recordings: nulls where the schema allows them, refusal details, extra fields', () => {
  const cases: unknown[] = [
    { type: 'message_start', message: { id: null, model: null, usage: null } },
    { type: 'message_start', message: { id: 'msg_1', model: 'claude', usage: { input_tokens: 3, output_tokens: null, output_tokens_details: { thinking_tokens: 2 } } } },
    { type: 'message_delta', delta: { stop_reason: 'refusal', stop_details: { explanation: 'Not that.' } }, usage: { output_tokens: 4 } },
    { type: 'message_delta', delta: { stop_reason: null, stop_sequence: null } },
    { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_1', name: 'get', input: {} }, extra: true },
    { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: null } },
    { type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: 'abc' } },
  ];
  for (const json of cases) {
    const plain = plainStreamEvent(json);
    assert.notEqual(plain, null, JSON.stringify(json));
    assert.deepEqual(plain, anthropicStreamEventSchema.parse(json), JSON.stringify(json));
  }
});
