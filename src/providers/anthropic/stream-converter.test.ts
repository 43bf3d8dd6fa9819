import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatCompletionChunk } from '../../core/chat-response.js';
import { foldChunks, readJsonFixture, readStreamFixture, runStream, testContext, type FoldedAnswer } from './__fixtures__/replay.js';
import { convertAnthropicResponse } from './convert-response.js';
import { createAnthropicStreamConverter } from './stream-converter.js';

const streamContext = (includeUsage = true) => testContext({ stream: true, includeUsage });

/** OpenAI's chunk rules (protocols.md A.5) that every converted stream must follow. */
function assertConformant(chunks: ChatCompletionChunk[], includeUsage: boolean): void {
  assert.ok(chunks.length > 0);
  const first = chunks[0];
  assert.deepEqual(first?.choices[0]?.delta, { role: 'assistant', content: '' });
  for (const chunk of chunks) {
    assert.equal(chunk.id, first?.id);
    assert.equal(chunk.created, first?.created);
    assert.equal(chunk.model, first?.model);
    assert.equal(chunk.object, 'chat.completion.chunk');
  }
  const usageChunks = chunks.filter((chunk) => chunk.choices.length === 0);
  if (includeUsage) {
    assert.equal(usageChunks.length, 1);
    assert.equal(chunks.at(-1), usageChunks[0]);
    assert.ok(usageChunks[0]?.usage);
  } else {
    assert.equal(usageChunks.length, 0);
    assert.ok(chunks.every((chunk) => chunk.usage === undefined));
  }
  const withChoices = chunks.filter((chunk) => chunk.choices.length > 0);
  withChoices.forEach((chunk, position) => {
    const choice = chunk.choices[0];
    assert.equal(choice?.index, 0);
    assert.equal(choice?.logprobs, null);
    if (position < withChoices.length - 1) assert.equal(choice?.finish_reason, null, 'finish_reason must be null before the end');
    else {
      assert.notEqual(choice?.finish_reason, null);
      assert.deepEqual(choice?.delta, {});
    }
  });
  // Tool calls: the first delta of each index carries id, type, name and empty arguments.
  const seen = new Set<number>();
  for (const chunk of withChoices) {
    for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
      if (!seen.has(call.index)) {
        seen.add(call.index);
        assert.equal(call.index, seen.size - 1, 'tool call indexes count tool calls, from 0');
        assert.equal(call.type, 'function');
        assert.ok(call.id);
        assert.ok(call.function?.name);
        assert.equal(call.function?.arguments, '');
      } else {
        assert.deepEqual(Object.keys(call).sort(), ['function', 'index']);
      }
    }
  }
}

function replay(name: string, includeUsage = true): FoldedAnswer {
  const run = runStream(readStreamFixture(name), streamContext(includeUsage));
  assert.equal(run.error, null);
  assert.equal(run.done, true);
  assertConformant(run.chunks, includeUsage);
  const answer = foldChunks(run.chunks);
  for (const call of answer.toolCalls) JSON.parse(call.arguments);
  return answer;
}

const usage = (prompt: number, completion: number, cached = 0, reasoning = 0) => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
  prompt_tokens_details: { cached_tokens: cached },
  completion_tokens_details: { reasoning_tokens: reasoning },
});

test('recorded text stream → the text, stop, usage from message_start + message_delta', () => {
  const answer = replay('anthropic-text');
  assert.equal(answer.content, "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?");
  assert.equal(answer.finishReason, 'stop');
  assert.deepEqual(answer.usage, usage(12, 30));
});

test('recorded no-argument tool stream → one tool call with arguments "{}"', () => {
  const answer = replay('anthropic-tool-no-args');
  assert.equal(answer.content, "I'll update the issue list for you.");
  assert.deepEqual(answer.toolCalls, [{ id: 'toolu_01QE1WLsSVp5hy5Q3GmGTmjP', name: 'updateIssueList', arguments: '{}' }]);
  assert.equal(answer.finishReason, 'tool_calls');
  assert.deepEqual(answer.usage, usage(565, 48));
});

test('recorded refusal stream → content_filter with the explanation as refusal, no content', () => {
  const answer = replay('anthropic-refusal');
  assert.equal(answer.content, null);
  assert.match(answer.refusal ?? '', /violative cyber content/);
  assert.equal(answer.finishReason, 'content_filter');
  assert.deepEqual(answer.usage, usage(18, 5));
});

test('recorded stream whose message_delta revises input tokens → the later count wins', () => {
  const answer = replay('anthropic-message-delta-input-tokens');
  assert.equal(answer.content, 'pong');
  assert.deepEqual(answer.usage, usage(61, 2));
});

test('recorded JSON request answered with another tool → a tool call, tool_calls', () => {
  const answer = replay('anthropic-json-other-tool.1');
  assert.equal(answer.content, null);
  assert.deepEqual(answer.toolCalls, [{ id: 'toolu_019Zvehfe1XQWweT1pm7okyt', name: 'weather', arguments: '{"location": "San Francisco"}' }]);
  assert.equal(answer.finishReason, 'tool_calls');
  assert.deepEqual(answer.usage, usage(843, 28));
});

test('recorded native structured output stream → JSON content, stop', () => {
  const answer = replay('anthropic-json-output-format.1');
  const parsed: unknown = JSON.parse(answer.content ?? '');
  assert.equal(typeof parsed === 'object' && parsed !== null && 'characters' in parsed, true);
  assert.equal(answer.finishReason, 'stop');
  assert.deepEqual(answer.usage, usage(313, 305));
});

test('recorded thinking streams → reasoning_content deltas and one signed detail per block', () => {
  for (const [name, content] of [
    ['anthropic-clear-thinking.1', '925 ÷ 5 = 185'],
    ['anthropic-combined-context-editing.1', null],
  ] as const) {
    const answer = replay(name);
    assert.ok(answer.reasoning.length > 0);
    assert.equal(answer.reasoningDetails.length, 1, name);
    const detail = answer.reasoningDetails[0];
    assert.equal(detail?.type === 'reasoning.text' ? detail.text : null, answer.reasoning);
    assert.match(detail?.type === 'reasoning.text' ? (detail.signature ?? '') : '', /^E[tv]/);
    assert.equal(detail?.format, 'anthropic-claude-v1');
    if (content !== null) assert.equal(answer.content, content);
    else assert.ok((answer.content ?? '').length > 0);
    assert.equal(answer.finishReason, 'stop');
  }
  assert.match(replay('anthropic-clear-thinking.1').reasoning, /^The previous result was 925\. Now I need to divide/);
});

test('recorded server-side code execution → only the text reaches the client; cache tokens counted', () => {
  const answer = replay('anthropic-code-execution-20260120-prompt-cache.1');
  assert.equal(answer.content, 'The sum of the squares of the numbers 1 through 12 is **650**.');
  assert.deepEqual(answer.toolCalls, []);
  assert.equal(answer.finishReason, 'stop');
  assert.deepEqual(answer.usage, {
    prompt_tokens: 9632,
    completion_tokens: 198,
    total_tokens: 9830,
    prompt_tokens_details: { cached_tokens: 6289, cache_write_tokens: 3337 },
    completion_tokens_details: { reasoning_tokens: 0 },
  });
});

for (const name of ['switchyard-parallel-tools', 'switchyard-thinking-tool', 'switchyard-json-tool']) {
  test(`${name}: the stream comes out as the same answer as the non-streamed body`, () => {
    const answer = replay(name);
    const completion = convertAnthropicResponse(readJsonFixture(`${name}.json`), testContext());
    const message = completion.choices[0]?.message;
    // The streamed JSON keeps Claude's own spacing; the non-streamed one is re-serialised.
    if (name === 'switchyard-json-tool') assert.deepEqual(JSON.parse(answer.content ?? ''), JSON.parse(message?.content ?? ''));
    else assert.equal(answer.content, message?.content);
    assert.equal(answer.refusal, message?.refusal);
    assert.equal(answer.reasoning, message?.reasoning_content ?? '');
    assert.deepEqual(answer.reasoningDetails, message?.reasoning_details ?? []);
    assert.deepEqual(
      answer.toolCalls.map((call) => [call.id, call.name, JSON.parse(call.arguments)]),
      (message?.tool_calls ?? []).map((call) => [call.id, call.function.name, JSON.parse(call.function.arguments)]),
    );
    assert.equal(answer.finishReason, completion.choices[0]?.finish_reason);
    assert.deepEqual(answer.usage, completion.usage);
  });
}

test('parallel tool calls: indexes 0 and 1 among tool calls although they are content blocks 1 and 2', () => {
  const run = runStream(readStreamFixture('switchyard-parallel-tools'), streamContext(false));
  const calls = run.chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
  assert.deepEqual(calls[0], { index: 0, id: 'toolu_01ParisWeatherAbcdefghij', type: 'function', function: { name: 'get_weather', arguments: '' } });
  assert.deepEqual(calls.filter((call) => call.index === 0).map((call) => call.function?.arguments).join(''), '{"city": "Paris"}');
  assert.equal(calls.filter((call) => call.index === 1).length, 3);
});

test('an error event mid-stream throws the mapped error (overloaded → 503) after the chunks so far', () => {
  const run = runStream(readStreamFixture('switchyard-error-mid-stream'), streamContext());
  assert.equal(run.chunks.length, 2);
  assert.equal(run.chunks[1]?.choices[0]?.delta.content, 'Hel');
  assert.equal(run.error?.status, 503);
  assert.equal(run.error?.code, 'overloaded');
  assert.equal(run.error?.retryable, true);
  assert.deepEqual(run.usage, usage(12, 1));
});

test('a stream cut before message_stop: end() throws upstream_error; usage so far stays readable', () => {
  const events = readStreamFixture('anthropic-text').slice(0, -2);
  const run = runStream(events, streamContext());
  assert.equal(run.done, false);
  assert.equal(run.error?.status, 502);
  assert.equal(run.error?.code, 'upstream_error');
  assert.deepEqual(run.usage, usage(12, 1));
  assert.equal(runStream([], streamContext()).error?.code, 'upstream_error');
});

test('ping, unknown events and events after message_stop produce nothing; a second message_start is invalid', () => {
  const converter = createAnthropicStreamConverter(streamContext(false));
  const events = readStreamFixture('anthropic-message-delta-input-tokens');
  assert.deepEqual(converter.push({ event: 'ping', data: '{"type":"ping"}' }), []);
  for (const event of events) converter.push(event);
  assert.equal(converter.done, true);
  assert.deepEqual(converter.push({ event: 'message_start', data: events[0]?.data ?? '' }), []);
  assert.deepEqual(converter.end(), []);

  const twice = createAnthropicStreamConverter(streamContext(false));
  twice.push(events[0] ?? { event: undefined, data: '' });
  assert.deepEqual(twice.push({ event: 'future_event', data: '{"type":"future_event"}' }), []);
  assert.throws(() => twice.push(events[0] ?? { event: undefined, data: '' }), /second message/);
  assert.throws(() => twice.push({ event: 'content_block_delta', data: 'not json' }), /not valid JSON/);
});

test('without include_usage no usage chunk is sent, yet usage() still meters the call', () => {
  const run = runStream(readStreamFixture('anthropic-text'), streamContext(false));
  assert.ok(run.chunks.every((chunk) => chunk.choices.length === 1));
  assert.deepEqual(run.usage, usage(12, 30));
});

test('deltas of an odd shape are still judged by the schema: an unreadable text delta is skipped, a bad index refused', () => {
  const converter = createAnthropicStreamConverter(streamContext(false));
  const push = (data: Record<string, unknown>) => converter.push({ event: String(data.type), data: JSON.stringify(data) });
  push({ type: 'message_start', message: { id: 'msg_1', model: 'claude-sonnet-4-5', usage: { input_tokens: 3, output_tokens: 1 } } });
  push({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
  assert.deepEqual(push({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } }).map((chunk) => chunk.choices[0]?.delta), [{ content: 'Hi' }]);
  assert.deepEqual(push({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 5 } }), [], 'not text: an unknown delta, ignored');
  assert.deepEqual(push({ type: 'content_block_delta', index: 0, delta: { type: 'citations_delta', citation: {} } }), []);
  assert.throws(() => push({ type: 'content_block_delta', index: -1, delta: { type: 'text_delta', text: 'x' } }), /malformed content_block_delta/);
});
