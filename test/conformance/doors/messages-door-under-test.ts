/**
 * The Anthropic Messages door in the door conformance suite. Answers are read as the official
 * `@anthropic-ai/sdk` reads them: the `Message` body, and the stream accumulated event by event the
 * way its MessageStream does (blocks addressed by index, `message_delta` usage applied over
 * `message_start`'s); the grammar is Anthropic's (named events, message_start first, blocks opened
 * and closed in index order, one message_delta, message_stop last).
 */
import assert from 'node:assert/strict';
import type { ContentBlock, Message, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { FinishReason } from '../../../src/core/chat-response.js';
import { messagesDoor } from '../../../src/doors/messages/messages-door.js';
import type { DoorUnderTest, ReadAnswer } from './door-under-test.js';
import { messagesRequestCases } from './messages-request-cases.js';

const FINISH: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

const ERROR_TYPES = new Set([
  'invalid_request_error',
  'authentication_error',
  'billing_error',
  'permission_error',
  'not_found_error',
  'request_too_large',
  'rate_limit_error',
  'api_error',
  'timeout_error',
  'overloaded_error',
]);

interface NamedEvent {
  name: string | null;
  data: RawMessageStreamEvent;
}

function eventsOf(sse: string): NamedEvent[] {
  return sse
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const name = /^event: (.*)$/m.exec(block)?.[1] ?? null;
      const data = /^data: (.*)$/m.exec(block)?.[1];
      assert.ok(data !== undefined, `an event without data: ${block}`);
      return { name, data: JSON.parse(data) as RawMessageStreamEvent };
    });
}

function readMessage(message: Message): ReadAnswer {
  const texts = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : []));
  const thinking = message.content.flatMap((block) => (block.type === 'thinking' ? [block.thinking] : []));
  const usage = message.usage;
  return {
    text: texts.length === 0 ? null : texts.join(''),
    reasoning: thinking.join(''),
    toolCalls: message.content.flatMap((block) => (block.type === 'tool_use' ? [{ id: block.id, name: block.name, arguments: block.input }] : [])),
    finish: message.stop_reason === null ? null : (FINISH[message.stop_reason] ?? null),
    usage: {
      prompt: usage.input_tokens + (usage.cache_read_input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0),
      completion: usage.output_tokens,
      cachedRead: usage.cache_read_input_tokens ?? 0,
      reasoning: usage.output_tokens_details?.thinking_tokens ?? 0,
    },
  };
}

/** The SDK's MessageStream accumulation: blocks by index, deltas appended, message_delta over message_start. */
function accumulate(events: readonly NamedEvent[]): Message {
  let snapshot: Message | null = null;
  const toolJson = new Map<number, string>();
  for (const { data: event } of events) {
    if (event.type === 'message_start') {
      snapshot = structuredClone(event.message);
      continue;
    }
    assert.ok(snapshot !== null, `${event.type} before message_start`);
    const message: Message = snapshot;
    switch (event.type) {
      case 'content_block_start':
        message.content.push(structuredClone(event.content_block) as ContentBlock);
        break;
      case 'content_block_delta': {
        const block = message.content[event.index];
        const change = event.delta;
        if (block?.type === 'text' && change.type === 'text_delta') block.text += change.text;
        if (block?.type === 'thinking' && change.type === 'thinking_delta') block.thinking += change.thinking;
        if (block?.type === 'thinking' && change.type === 'signature_delta') block.signature = change.signature;
        if (block?.type === 'tool_use' && change.type === 'input_json_delta') toolJson.set(event.index, (toolJson.get(event.index) ?? '') + change.partial_json);
        break;
      }
      case 'content_block_stop': {
        const block = message.content[event.index];
        const json = toolJson.get(event.index);
        if (block?.type === 'tool_use' && json !== undefined && json !== '') block.input = JSON.parse(json) as unknown;
        break;
      }
      case 'message_delta':
        message.stop_reason = event.delta.stop_reason;
        message.usage.output_tokens = event.usage.output_tokens;
        if (event.usage.input_tokens != null) message.usage.input_tokens = event.usage.input_tokens;
        if (event.usage.cache_read_input_tokens != null) message.usage.cache_read_input_tokens = event.usage.cache_read_input_tokens;
        if (event.usage.cache_creation_input_tokens != null) message.usage.cache_creation_input_tokens = event.usage.cache_creation_input_tokens;
        if (event.usage.output_tokens_details != null) message.usage.output_tokens_details = event.usage.output_tokens_details;
        break;
      default:
        break;
    }
  }
  assert.ok(snapshot !== null, 'the stream has no message_start');
  return snapshot;
}

const DELTA_OF_BLOCK: Readonly<Record<string, readonly string[]>> = {
  text: ['text_delta', 'citations_delta'],
  thinking: ['thinking_delta', 'signature_delta'],
  tool_use: ['input_json_delta'],
  redacted_thinking: [],
};

export function messagesStreamViolations(sse: string): string[] {
  const violations: string[] = [];
  if (!sse.endsWith('\n\n')) violations.push('the stream does not end with a whole event');
  const events = eventsOf(sse);
  const types = events.map((event) => event.data.type);
  for (const event of events) if (event.name !== event.data.type) violations.push(`event name ${event.name} for a ${event.data.type} event`);
  if (types[0] !== 'message_start') violations.push(`the first event is ${types[0]}, not message_start`);
  if (types.at(-1) !== 'message_stop') violations.push(`the last event is ${types.at(-1)}, not message_stop`);
  if (types.filter((type) => type === 'message_delta').length !== 1) violations.push('not exactly one message_delta');
  if (types.at(-2) !== 'message_delta') violations.push('message_delta does not come just before message_stop');
  let open: { index: number; type: string } | null = null;
  let next = 0;
  for (const { data: event } of events) {
    if (event.type === 'message_start' && (event.message.content.length !== 0 || event.message.stop_reason !== null)) {
      violations.push('message_start carries content or a stop reason');
    }
    if (event.type === 'content_block_start') {
      if (open !== null) violations.push(`block ${event.index} starts while block ${open.index} is open`);
      if (event.index !== next) violations.push(`block index ${event.index}, expected ${next}`);
      open = { index: event.index, type: event.content_block.type };
      next = event.index + 1;
    }
    if (event.type === 'content_block_delta') {
      if (open === null || open.index !== event.index) violations.push(`a delta for block ${event.index}, which is not open`);
      else if (!(DELTA_OF_BLOCK[open.type] ?? []).includes(event.delta.type)) violations.push(`a ${event.delta.type} in a ${open.type} block`);
    }
    if (event.type === 'content_block_stop') {
      if (open === null || open.index !== event.index) violations.push(`block ${event.index} stops but is not open`);
      open = null;
    }
    if ((event.type === 'message_delta' || event.type === 'message_stop') && open !== null) violations.push(`block ${open.index} is still open at ${event.type}`);
  }
  return violations;
}

export const messagesDoorUnderTest: DoorUnderTest = {
  name: 'messages',
  codec: messagesDoor,
  minimalRequest: (stream) => ({ model: 'gpt-4o', max_tokens: 256, messages: [{ role: 'user', content: 'hi' }], stream }),
  readResponse(body) {
    const message = body as Message;
    assert.equal(message.type, 'message');
    assert.equal(message.role, 'assistant');
    assert.match(message.id, /^msg_/);
    return readMessage(message);
  },
  readStream: (sse) => readMessage(accumulate(eventsOf(sse))),
  streamViolations: messagesStreamViolations,
  readError(body) {
    const { type, error } = body as { type: string; error: { type: string; message: string } };
    assert.equal(type, 'error', 'Anthropic errors are {"type":"error","error":{…}}');
    assert.ok(ERROR_TYPES.has(error.type), `an Anthropic error type: ${error.type}`);
    return { type: error.type, message: error.message };
  },
  requestCases: messagesRequestCases,
  invalidRequests: [
    { label: 'no messages', body: { model: 'gpt-4o', max_tokens: 10, messages: [] }, param: 'messages' },
    { label: 'no max_tokens', body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, param: 'max_tokens' },
    { label: 'not an object', body: [1, 2] },
    { label: 'a text block without text', body: { model: 'gpt-4o', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'text' }] }] }, param: 'messages.0.content.0.text' },
    {
      label: 'a tool_use without an id',
      body: { model: 'gpt-4o', max_tokens: 10, messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: [{ type: 'tool_use', name: 'f', input: {} }] }] },
      param: 'messages.1.content.0.id',
    },
    { label: 'temperature above 1', body: { model: 'gpt-4o', max_tokens: 10, temperature: 1.5, messages: [{ role: 'user', content: 'hi' }] }, param: 'temperature' },
    { label: 'a tool without input_schema', body: { model: 'gpt-4o', max_tokens: 10, tools: [{ name: 'f' }], messages: [{ role: 'user', content: 'hi' }] }, param: 'tools.0.input_schema' },
  ],
};
