import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatCompletionChunk, ChunkDelta, FinishReason } from '../../core/chat-response.js';
import { parseEvents, responsesStreamViolations } from '../../../test/conformance/doors/responses-stream-grammar.js';
import { decodeReasoningCarrier } from './reasoning-carrier.js';
import { responsesDoor } from './responses-door.js';

const context = { now: () => 1_770_000_000, newId: (prefix: string) => `${prefix}-s1` };

const chunk = (delta: ChunkDelta, finish: FinishReason | null = null): ChatCompletionChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gemini-2.5-pro',
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
});

function run(body: Record<string, unknown>, chunks: ChatCompletionChunk[]) {
  const { inbound } = responsesDoor.decode({ model: 'gemini-2.5-pro', input: 'x', stream: true, ...body });
  const encoder = responsesDoor.createStreamEncoder(inbound, context);
  const sse = encoder.push(chunks) + encoder.end({ prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 });
  assert.deepEqual(responsesStreamViolations(sse), []);
  return parseEvents(sse).map((event) => event.data);
}

test('the model comes from the first chunk; usage and status from the end', () => {
  const events = run({}, [chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hi' }), chunk({}, 'stop')]);
  const created = events[0]?.response as { model: string; status: string };
  assert.equal(created.model, 'gemini-2.5-pro');
  assert.equal(created.status, 'in_progress');
  const completed = events.at(-1)?.response as { status: string; usage: { total_tokens: number }; output_text: string };
  assert.equal(completed.status, 'completed');
  assert.equal(completed.usage.total_tokens, 8);
  assert.equal(completed.output_text, 'Hi');
});

test('signed reasoning joins the open reasoning item, or, once it has closed, a reasoning item of its own', () => {
  const signature = [{ type: 'reasoning.encrypted' as const, data: 'c2ln', format: 'google-gemini-v1', id: 'call_1', index: 0 }];
  const call = { index: 0, id: 'call_1', type: 'function' as const, function: { name: 'get_weather', arguments: '{}' } };
  const outputOf = (events: ReturnType<typeof run>) => (events.at(-1)?.response as { output: Array<{ type: string; encrypted_content?: string }> }).output;

  const together = outputOf(run({}, [chunk({ reasoning_content: 'Thinking.' }), chunk({ tool_calls: [call], reasoning_details: signature }), chunk({}, 'tool_calls')]));
  assert.deepEqual(together.map((item) => item.type), ['reasoning', 'function_call']);
  assert.deepEqual(decodeReasoningCarrier(together[0]?.encrypted_content ?? ''), signature);

  const late = outputOf(run({}, [chunk({ reasoning_content: 'Thinking.' }), chunk({ tool_calls: [call] }), chunk({ reasoning_details: signature }), chunk({}, 'tool_calls')]));
  assert.deepEqual(late.map((item) => item.type), ['reasoning', 'function_call', 'reasoning']);
  assert.equal(late[0]?.encrypted_content, undefined);
  assert.deepEqual(decodeReasoningCarrier(late[2]?.encrypted_content ?? ''), signature);
});

test('a refusal streams as a refusal part; namespaced calls stream with their namespace', () => {
  const tools = [{ type: 'namespace', name: 'ns', description: 'd', tools: [{ type: 'function', name: 'go' }] }];
  const events = run({ tools }, [
    chunk({ refusal: 'I cannot ' }),
    chunk({ refusal: 'do that.' }),
    chunk({ tool_calls: [{ index: 0, id: 'call_9', type: 'function', function: { name: 'ns__go', arguments: '{"a":' } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
    chunk({}, 'tool_calls'),
  ]);
  assert.ok(events.some((event) => event.type === 'response.refusal.done' && event.refusal === 'I cannot do that.'));
  const added = events.find((event) => event.type === 'response.output_item.added' && (event.item as { type: string }).type === 'function_call');
  assert.deepEqual(added?.item, { id: 'fc_s1_1', type: 'function_call', status: 'in_progress', call_id: 'call_9', name: 'go', namespace: 'ns', arguments: '' });
  const done = events.find((event) => event.type === 'response.function_call_arguments.done');
  assert.equal(done?.arguments, '{"a":1}');
  assert.equal(done?.name, 'go');
});

test('a stream that ends before any chunk still opens and completes the response', () => {
  const events = run({}, []);
  assert.deepEqual(
    events.map((event) => event.type),
    ['response.created', 'response.in_progress', 'response.completed'],
  );
});
