import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatCompletion, AssistantOutputMessage, FinishReason } from '../../core/chat-response.js';
import { mapToolUseId } from '../../providers/anthropic/map-tool-use-id.js';
import { encodeMessagesResponse } from './encode-messages-response.js';

const context = { now: () => 1, newId: (prefix: string) => `${prefix}-abc123` };

function completion(message: Partial<AssistantOutputMessage>, finish: FinishReason = 'stop', usage?: ChatCompletion['usage']): ChatCompletion {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'deepseek-chat',
    choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: null, ...message }, logprobs: null, finish_reason: finish }],
    ...(usage === undefined ? {} : { usage }),
  };
}

test('thinking, text and tool_use in Anthropic order; ids made Anthropic-safe; the requested model', () => {
  const message = encodeMessagesResponse(
    completion(
      {
        content: 'Let me look.',
        reasoning_content: 'The user wants the weather.',
        tool_calls: [
          { id: 'functions.get_weather:0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'now', arguments: '' } },
          { id: 'call_3', type: 'function', function: { name: 'broken', arguments: '{"a":' } },
        ],
      },
      'tool_calls',
    ),
    'deepseek-v3.2',
    context,
  );
  assert.equal(message.id, 'msg_abc123');
  assert.equal(message.model, 'deepseek-v3.2', 'the name the client asked for, not the upstream deepseek-chat');
  assert.equal(message.stop_reason, 'tool_use');
  assert.deepEqual(message.content.map((block) => block.type), ['thinking', 'text', 'tool_use', 'tool_use', 'tool_use']);
  assert.deepEqual(message.content[0], { type: 'thinking', thinking: 'The user wants the weather.', signature: '' });
  const [first, second, third] = message.content.slice(2);
  assert.ok(first?.type === 'tool_use' && second?.type === 'tool_use' && third?.type === 'tool_use');
  assert.match(first.id, /^toolu_[A-Za-z0-9_-]{24}$/, 'an id outside ^[a-zA-Z0-9_-]+$ is mapped');
  assert.equal(first.id, mapToolUseId('functions.get_weather:0'), 'deterministically, as the Anthropic adapter maps it back');
  assert.deepEqual(first.input, { city: 'Paris' });
  assert.equal(second.id, 'call_2');
  assert.deepEqual(second.input, {});
  assert.deepEqual(third.input, { raw_arguments: '{"a":' });
});

test("Claude's signed reasoning_details come back as signed thinking and redacted thinking", () => {
  const message = encodeMessagesResponse(
    completion({
      content: 'Done.',
      reasoning_content: 'First.',
      reasoning_details: [
        { type: 'reasoning.text', text: 'First.', signature: 'sig-1', format: 'anthropic-claude-v1', index: 0 },
        { type: 'reasoning.encrypted', data: 'opaque', format: 'anthropic-claude-v1', index: 1 },
        { type: 'reasoning.encrypted', data: 'gemini-signature', format: 'google-gemini-v1', index: 2 },
      ],
    }),
    'claude-4-5-sonnet',
    context,
  );
  assert.deepEqual(message.content, [
    { type: 'thinking', thinking: 'First.', signature: 'sig-1' },
    { type: 'redacted_thinking', data: 'opaque' },
    { type: 'text', text: 'Done.', citations: null },
  ]);
});

test('finish reasons and refusals', () => {
  const stop = (finish: FinishReason, message: Partial<AssistantOutputMessage> = { content: 'x' }) => encodeMessagesResponse(completion(message, finish), 'deepseek-v3.2', context);
  assert.equal(stop('stop').stop_reason, 'end_turn');
  assert.equal(stop('length').stop_reason, 'max_tokens');
  assert.equal(stop('content_filter', {}).stop_reason, 'refusal');
  assert.deepEqual(stop('content_filter', {}).content, []);
  const refused = stop('stop', { content: null, refusal: 'I cannot help with that.' });
  assert.equal(refused.stop_reason, 'refusal');
  assert.deepEqual(refused.stop_details, { type: 'refusal', category: null, explanation: 'I cannot help with that.' });
  assert.deepEqual(refused.content, [{ type: 'text', text: 'I cannot help with that.', citations: null }]);
});

test('usage in Anthropic accounting: input excludes cache reads and writes', () => {
  const usage = encodeMessagesResponse(
    completion({ content: 'x' }, 'stop', {
      prompt_tokens: 1500,
      completion_tokens: 40,
      total_tokens: 1540,
      prompt_tokens_details: { cached_tokens: 1000, cache_write_tokens: 300 },
      completion_tokens_details: { reasoning_tokens: 12 },
    }),
    'deepseek-v3.2',
    context,
  ).usage;
  assert.deepEqual(usage, { input_tokens: 200, output_tokens: 40, cache_read_input_tokens: 1000, cache_creation_input_tokens: 300, output_tokens_details: { thinking_tokens: 12 } });
});
