import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatCompletionChunk, ChunkDelta, FinishReason } from '../../core/chat-response.js';
import type { Usage } from '../../core/usage.js';
import { rawChunk } from '../../stream/raw-chunk.js';
import { createMessagesStreamEncoder } from './messages-stream-encoder.js';

const context = { now: () => 1, newId: (prefix: string) => `${prefix}_test1` };
const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk' as const, created: 1, model: 'gpt-4o' };
const chunk = (delta: ChunkDelta, finish: FinishReason | null = null): ChatCompletionChunk => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
const usage: Usage = { prompt_tokens: 30, completion_tokens: 9, total_tokens: 39, prompt_tokens_details: { cached_tokens: 10 } };

/** The events as `type` + the interesting part of each. */
function events(sse: string): Array<Record<string, unknown>> {
  return sse
    .split('\n\n')
    .filter((block) => block !== '')
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      const data = JSON.parse(dataLine?.slice(6) ?? '') as Record<string, unknown>;
      assert.equal(eventLine, `event: ${String(data.type)}`);
      return data;
    });
}

test('a new block whenever the kind of delta changes, indexes in order, message_delta held until the usage is known', () => {
  const encoder = createMessagesStreamEncoder('gpt-4o', context);
  let sse = encoder.push([chunk({ role: 'assistant', content: '' }), chunk({ reasoning_content: 'Think' }), chunk({ reasoning_content: 'ing.' })]);
  sse += encoder.push([chunk({ content: 'Hi' }), chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } }] })]);
  sse += encoder.push([chunk({ tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }] }), chunk({ tool_calls: [{ index: 1, id: 'call_b', function: { name: 'g', arguments: '{}' } }] })]);
  const beforeEnd = encoder.push([chunk({}, 'tool_calls')]);
  assert.ok(!beforeEnd.includes('message_delta'), 'no message_delta before the usage');
  sse += beforeEnd + encoder.end(usage);
  const all = events(sse);
  assert.deepEqual(
    all.map((event) => [event.type, event.index ?? null, (event.delta as { type?: string } | undefined)?.type ?? (event.content_block as { type?: string } | undefined)?.type ?? null]),
    [
      ['message_start', null, null],
      ['content_block_start', 0, 'thinking'],
      ['content_block_delta', 0, 'thinking_delta'],
      ['content_block_delta', 0, 'thinking_delta'],
      ['content_block_stop', 0, null],
      ['content_block_start', 1, 'text'],
      ['content_block_delta', 1, 'text_delta'],
      ['content_block_stop', 1, null],
      ['content_block_start', 2, 'tool_use'],
      ['content_block_delta', 2, 'input_json_delta'],
      ['content_block_stop', 2, null],
      ['content_block_start', 3, 'tool_use'],
      ['content_block_delta', 3, 'input_json_delta'],
      ['content_block_stop', 3, null],
      ['message_delta', null, null],
      ['message_stop', null, null],
    ],
  );
  assert.deepEqual(all[8]?.content_block, { type: 'tool_use', id: 'call_a', name: 'f', input: {} });
  assert.deepEqual(all.at(-2), {
    type: 'message_delta',
    delta: { stop_reason: 'tool_use', stop_sequence: null, stop_details: null },
    usage: { input_tokens: 20, output_tokens: 9, cache_creation_input_tokens: 0, cache_read_input_tokens: 10 },
  });
});

test("OpenAI's plain deltas forwarded as raw stand-ins are read from their JSON", () => {
  const encoder = createMessagesStreamEncoder('gpt-4o', context);
  const raw = rawChunk('{"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"Hello \\"you\\""},"logprobs":null,"finish_reason":null}]}', base);
  const sse = encoder.push([chunk({ role: 'assistant', content: '' }), raw, chunk({}, 'stop')]) + encoder.end(undefined);
  const delta = events(sse).find((event) => event.type === 'content_block_delta');
  assert.deepEqual(delta?.delta, { type: 'text_delta', text: 'Hello "you"' });
});

test("Claude's signed reasoning arrives as a signature_delta on the thinking block; redacted thinking is a whole block", () => {
  const encoder = createMessagesStreamEncoder('claude', context);
  const sse =
    encoder.push([
      chunk({ reasoning_content: 'Hmm.' }),
      chunk({ reasoning_details: [{ type: 'reasoning.text', text: 'Hmm.', signature: 'sig', format: 'anthropic-claude-v1', index: 0 }] }),
      chunk({ reasoning_details: [{ type: 'reasoning.encrypted', data: 'opaque', format: 'anthropic-claude-v1', index: 1 }] }),
      chunk({ reasoning_details: [{ type: 'reasoning.encrypted', data: 'x', format: 'google-gemini-v1', index: 2 }] }),
      chunk({ reasoning_content: 'Again.' }),
    ]) + encoder.end(undefined);
  const blocks = events(sse).filter((event) => event.type !== 'message_start' && event.type !== 'message_delta' && event.type !== 'message_stop');
  assert.deepEqual(
    blocks.map((event) => event.delta ?? event.content_block ?? { stop: event.index }),
    [
      { type: 'thinking', thinking: '', signature: '' },
      { type: 'thinking_delta', thinking: 'Hmm.' },
      { type: 'signature_delta', signature: 'sig' },
      { stop: 0 },
      { type: 'redacted_thinking', data: 'opaque' },
      { stop: 1 },
      { type: 'thinking', thinking: '', signature: '' },
      { type: 'thinking_delta', thinking: 'Again.' },
      { stop: 2 },
    ],
  );
});

test('message_start names the model the client asked for, not the upstream model of the chunks', () => {
  const encoder = createMessagesStreamEncoder('deepseek-v3.2', context);
  const [start] = events(encoder.push([{ ...chunk({ content: 'Hi' }), model: 'deepseek-chat' }]));
  assert.equal((start?.message as { model: string }).model, 'deepseek-v3.2');
});

test('an empty stream is still a whole message; a refusal ends with stop_reason refusal', () => {
  const empty = events(createMessagesStreamEncoder('gpt-4o', context).end(undefined));
  assert.deepEqual(empty.map((event) => event.type), ['message_start', 'message_delta', 'message_stop']);
  assert.equal((empty[0]?.message as { model: string }).model, 'gpt-4o');

  const encoder = createMessagesStreamEncoder('gpt-4o', context);
  const refused = events(encoder.push([chunk({ refusal: 'No.' }), chunk({}, 'stop')]) + encoder.end(undefined));
  assert.deepEqual(refused.at(-2)?.delta, { stop_reason: 'refusal', stop_sequence: null, stop_details: { type: 'refusal', category: null, explanation: 'No.' } });
});

test('fragments of a tool call whose block was closed are skipped rather than sent to the wrong block', () => {
  const encoder = createMessagesStreamEncoder('gpt-4o', context);
  const sse =
    encoder.push([
      chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'b', function: { name: 'g', arguments: '{}' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '}' } }] }),
    ]) + encoder.end(undefined);
  const deltas = events(sse).filter((event) => event.type === 'content_block_delta');
  assert.deepEqual(deltas.map((event) => [event.index, (event.delta as { partial_json: string }).partial_json]), [[0, '{'], [1, '{}']]);
});
