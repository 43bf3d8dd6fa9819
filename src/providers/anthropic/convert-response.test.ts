import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AssistantOutputMessage, ChatCompletion } from '../../core/chat-response.js';
import { GatewayError } from '../../core/errors.js';
import { readJsonFixture, testContext } from './__fixtures__/replay.js';
import { convertAnthropicResponse } from './convert-response.js';

const convert = (name: string): ChatCompletion => convertAnthropicResponse(readJsonFixture(`${name}.json`), testContext());
const only = (completion: ChatCompletion) => {
  const choice = completion.choices[0];
  assert.ok(choice);
  assert.equal(completion.choices.length, 1);
  return choice;
};
const usage = (prompt: number, completion: number, cached = 0, reasoning = 0) => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
  prompt_tokens_details: { cached_tokens: cached },
  completion_tokens_details: { reasoning_tokens: reasoning },
});

test('recorded text answer: OpenAI envelope, id and clock from the context, model that answered', () => {
  const completion = convert('anthropic-text');
  assert.deepEqual(completion, {
    id: 'chatcmpl-test1',
    object: 'chat.completion',
    created: 1_760_000_000,
    model: 'claude-sonnet-4-5-20250929',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?",
          refusal: null,
        },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: usage(12, 29),
  });
});

test('recorded no-argument tool call: arguments "{}", text kept, finish tool_calls', () => {
  const choice = only(convert('anthropic-tool-no-args'));
  assert.equal(choice.finish_reason, 'tool_calls');
  assert.match(choice.message.content ?? '', /^<thinking>/);
  assert.deepEqual(choice.message.tool_calls, [
    { id: 'toolu_01LRmxn9vGM1d2DZSDBowdZ1', type: 'function', function: { name: 'updateIssueList', arguments: '{}' } },
  ]);
});

test('recorded refusal: content_filter, no content, the explanation as refusal', () => {
  const completion = convert('anthropic-refusal');
  const choice = only(completion);
  assert.equal(choice.finish_reason, 'content_filter');
  assert.equal(choice.message.content, null);
  assert.match(choice.message.refusal ?? '', /violative cyber content/);
  assert.deepEqual(completion.usage, usage(18, 5));
});

test('recorded native structured output: the JSON text is the content, finish stop', () => {
  const choice = only(convert('anthropic-json-output-format.1'));
  assert.equal(choice.finish_reason, 'stop');
  const parsed: unknown = JSON.parse(choice.message.content ?? '');
  assert.equal(typeof parsed === 'object' && parsed !== null && 'recipe' in parsed, true);
});

test('recorded JSON request answered with another tool: a normal tool call', () => {
  const completion = convert('anthropic-json-other-tool.1');
  const choice = only(completion);
  assert.equal(choice.finish_reason, 'tool_calls');
  assert.equal(choice.message.content, null);
  assert.deepEqual(choice.message.tool_calls, [
    { id: 'toolu_01PQjhxo3eirCdKNvCJrKc8f', type: 'function', function: { name: 'weather', arguments: '{"location":"San Francisco"}' } },
  ]);
  assert.deepEqual(completion.usage, usage(843, 28));
});

test('recorded reasoning: reasoning_content, signed reasoning_details and thinking tokens', () => {
  const completion = convert('anthropic-claude-opus-5-reasoning-high.1');
  const message: AssistantOutputMessage = only(completion).message;
  assert.match(message.reasoning_content ?? '', /^I need to find all roots/);
  assert.equal(message.reasoning_details?.length, 1);
  const detail = message.reasoning_details?.[0];
  assert.equal(detail?.type, 'reasoning.text');
  assert.equal(detail?.type === 'reasoning.text' ? detail.text : null, message.reasoning_content);
  assert.match(detail?.type === 'reasoning.text' ? (detail.signature ?? '') : '', /^CAIS/);
  assert.equal(detail?.format, 'anthropic-claude-v1');
  assert.equal(detail?.index, 0);
  assert.match(message.content ?? '', /^## Step 1/);
  assert.deepEqual(completion.usage, usage(51, 1699, 0, 139));
});

test('parallel tool calls with arguments; prompt tokens include cache reads and writes', () => {
  const completion = convert('switchyard-parallel-tools');
  const choice = only(completion);
  assert.equal(choice.message.content, "I'll check both cities.");
  assert.deepEqual(choice.message.tool_calls, [
    { id: 'toolu_01ParisWeatherAbcdefghij', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
    { id: 'toolu_01BerlinWeatherAbcdefghi', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Berlin","unit":"celsius"}' } },
  ]);
  assert.deepEqual(completion.usage, {
    prompt_tokens: 570,
    completion_tokens: 88,
    total_tokens: 658,
    prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 50 },
    completion_tokens_details: { reasoning_tokens: 0 },
  });
});

test('thinking + redacted thinking + tool call: details in order, ready to be sent back', () => {
  const message = only(convert('switchyard-thinking-tool')).message;
  assert.equal(message.reasoning_content, 'The user wants the weather in Paris. I should call get_weather.');
  assert.deepEqual(
    message.reasoning_details?.map((detail) => [detail.type, detail.index, detail.format]),
    [
      ['reasoning.text', 0, 'anthropic-claude-v1'],
      ['reasoning.encrypted', 1, 'anthropic-claude-v1'],
    ],
  );
  assert.equal(message.tool_calls?.[0]?.function.arguments, '{"city":"Paris"}');
});

test('an answer through the synthetic JSON tool becomes JSON content with finish stop', () => {
  const choice = only(convert('switchyard-json-tool'));
  assert.deepEqual(choice.message, { role: 'assistant', content: '{"city":"Paris","temperature":18}', refusal: null });
  assert.equal(choice.finish_reason, 'stop');
});

test('stop reasons map per protocols.md E.2', () => {
  const answer = (stop_reason: string | null) =>
    only(convertAnthropicResponse({ id: 'm', model: 'claude', content: [], stop_reason, usage: { input_tokens: 1, output_tokens: 1 } }, testContext()))
      .finish_reason;
  assert.equal(answer('end_turn'), 'stop');
  assert.equal(answer('stop_sequence'), 'stop');
  assert.equal(answer('pause_turn'), 'stop');
  assert.equal(answer('max_tokens'), 'length');
  assert.equal(answer('model_context_window_exceeded'), 'length');
  assert.equal(answer('tool_use'), 'tool_calls');
  assert.equal(answer('refusal'), 'content_filter');
  assert.equal(answer(null), 'stop');
  assert.equal(answer('something_new'), 'stop');
});

test('an error body or a body that is not a message is an error, never an empty answer', () => {
  assert.throws(
    () => convertAnthropicResponse({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, testContext()),
    (error: unknown) => error instanceof GatewayError && error.status === 503 && error.code === 'overloaded',
  );
  assert.throws(
    () => convertAnthropicResponse({ hello: 'world' }, testContext()),
    (error: unknown) => error instanceof GatewayError && error.status === 502 && error.code === 'upstream_error',
  );
});
