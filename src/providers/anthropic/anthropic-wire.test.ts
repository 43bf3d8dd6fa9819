/**
 * The fake upstream's Anthropic wire writer (test/fakes/anthropic-wire.ts) and this adapter must
 * agree: every canned answer, streamed or not, comes back as the OpenAI answer it describes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anthropicWire } from '../../../test/fakes/anthropic-wire.js';
import type { CannedAnswer } from '../../../test/fakes/canned-answer.js';
import { SseDecoder } from '../../stream/sse-decoder.js';
import { foldChunks, runStream, testContext } from './__fixtures__/replay.js';
import { convertAnthropicResponse } from './convert-response.js';
import { toThinkingBlocks } from './convert-reasoning-details.js';
import { anthropicAdapter } from './index.js';

const MODEL = 'claude-sonnet-4-5-20250929';

const answers: Record<string, CannedAnswer> = {
  text: { text: 'Hello there — 你好!', finish: 'stop', usage: { prompt: 12, completion: 5 } },
  cached: { text: 'Cached.', finish: 'stop', usage: { prompt: 1000, completion: 3, cachedRead: 800, cacheWrite: 150 } },
  truncated: { text: 'A long answer that was cut', finish: 'length', usage: { prompt: 5, completion: 7 } },
  reasoning: { reasoning: 'Think first, then answer.', text: 'Answer.', finish: 'stop', usage: { prompt: 9, completion: 40, reasoning: 30 } },
  tools: {
    text: 'Checking.',
    toolCalls: [
      { name: 'get_weather', arguments: { city: 'Paris', days: [1, 2] } },
      { name: 'now', arguments: {}, id: 'toolu_fixed_id' },
    ],
    finish: 'tool_calls',
    usage: { prompt: 50, completion: 20 },
  },
  refused: { finish: 'content_filter', usage: { prompt: 18, completion: 5 } },
};

function decode(events: string[]) {
  const decoder = new SseDecoder();
  const bytes = new TextEncoder().encode(events.join(''));
  const decoded = [];
  for (let start = 0; start < bytes.length; start += 7) decoded.push(...decoder.push(bytes.slice(start, start + 7)));
  return [...decoded, ...decoder.end()];
}

for (const [name, answer] of Object.entries(answers)) {
  test(`canned ${name} answer survives the Anthropic wire, streamed and not`, () => {
    const completion = convertAnthropicResponse(anthropicWire.completion(answer, MODEL), testContext());
    const message = completion.choices[0]?.message;
    const run = runStream(decode(anthropicWire.stream(answer, MODEL)), testContext({ stream: true, includeUsage: true }));
    assert.equal(run.error, null);
    const streamed = foldChunks(run.chunks);

    const expectedUsage = {
      prompt: answer.usage.prompt,
      completion: answer.usage.completion,
      cachedRead: answer.usage.cachedRead ?? 0,
      cacheWrite: answer.usage.cacheWrite ?? 0,
      reasoning: answer.usage.reasoning ?? 0,
    };
    for (const usage of [completion.usage, streamed.usage]) {
      assert.equal(usage?.prompt_tokens, expectedUsage.prompt);
      assert.equal(usage?.completion_tokens, expectedUsage.completion);
      assert.equal(usage?.prompt_tokens_details?.cached_tokens, expectedUsage.cachedRead);
      assert.equal(usage?.prompt_tokens_details?.cache_write_tokens ?? 0, expectedUsage.cacheWrite);
      assert.equal(usage?.completion_tokens_details?.reasoning_tokens, expectedUsage.reasoning);
    }
    assert.equal(message?.content, answer.text ?? null);
    assert.equal(streamed.content, answer.text ?? null);
    assert.equal(message?.refusal, null);
    assert.equal(message?.reasoning_content, answer.reasoning);
    assert.equal(streamed.reasoning, answer.reasoning ?? '');
    assert.deepEqual(streamed.reasoningDetails, message?.reasoning_details ?? []);
    if (answer.reasoning !== undefined) assert.equal(toThinkingBlocks(streamed.reasoningDetails).length, 1);
    const expectedCalls = (answer.toolCalls ?? []).map((call) => [call.name, call.arguments]);
    assert.deepEqual(
      (message?.tool_calls ?? []).map((call) => [call.function.name, JSON.parse(call.function.arguments)]),
      expectedCalls,
    );
    assert.deepEqual(
      streamed.toolCalls.map((call) => [call.name, JSON.parse(call.arguments)]),
      expectedCalls,
    );
    assert.deepEqual(
      streamed.toolCalls.map((call) => call.id),
      (message?.tool_calls ?? []).map((call) => call.id),
    );
    assert.equal(completion.choices[0]?.finish_reason, answer.finish);
    assert.equal(streamed.finishReason, answer.finish);
    assert.equal(completion.model, MODEL);
  });
}

test('the writer is deterministic and streams tool input in several fragments', () => {
  const answer = answers.tools;
  assert.ok(answer);
  assert.deepEqual(anthropicWire.stream(answer, MODEL), anthropicWire.stream(answer, MODEL));
  const fragments = anthropicWire.stream(answer, MODEL).filter((event) => event.includes('"input_json_delta"'));
  assert.ok(fragments.length >= 4);
  assert.ok(anthropicWire.stream(answer, MODEL).every((event) => /^event: [a-z_]+\ndata: \{.*\}\n\n$/s.test(event)));
  assert.match(JSON.stringify(anthropicWire.completion(answer, MODEL)), /"id":"toolu_fixed_id"/);
});

test('error bodies are Anthropic-shaped and map back through the adapter', () => {
  const cases: Array<[number, number, string | null]> = [
    [400, 400, null],
    [401, 401, 'invalid_api_key'],
    [429, 429, 'rate_limit_exceeded'],
    [529, 503, 'overloaded'],
    [500, 500, null],
  ];
  for (const [status, mapped, code] of cases) {
    const body = JSON.stringify(anthropicWire.error(status, 'Something happened'));
    const error = anthropicAdapter.mapError(status, body, {});
    assert.equal(error.status, mapped, String(status));
    assert.equal(error.code, code, String(status));
    assert.match(error.message, /Something happened/);
  }
});
