/**
 * Every case the gateway must translate has a recorded or hand-written Anthropic fixture, streamed
 * and not: each replays to the expected finish reason, and each stream obeys OpenAI's chunk rules.
 * Hand-written bodies for cases the recordings lack (max_tokens, error bodies) are checked in detail.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { streamRuleViolations } from '../../../test/conformance/stream-rules.js';
import type { FinishReason } from '../../core/chat-response.js';
import { foldChunks, readFixture, readJsonFixture, readStreamFixture, runStream, testContext } from './__fixtures__/replay.js';
import { convertAnthropicResponse } from './convert-response.js';
import { mapAnthropicError } from './map-error.js';

const cases: ReadonlyArray<[string, string, string, FinishReason]> = [
  ['plain text', 'anthropic-text.json', 'anthropic-text', 'stop'],
  ['a tool call', 'anthropic-tool-no-args.json', 'anthropic-tool-no-args', 'tool_calls'],
  ['parallel tool calls', 'switchyard-parallel-tools.json', 'switchyard-parallel-tools', 'tool_calls'],
  ['native JSON schema output', 'anthropic-json-output-format.1.json', 'anthropic-json-output-format.1', 'stop'],
  ['JSON through the synthetic tool', 'switchyard-json-tool.json', 'switchyard-json-tool', 'stop'],
  ['thinking, then a tool call', 'switchyard-thinking-tool.json', 'switchyard-thinking-tool', 'tool_calls'],
  ['a refusal', 'anthropic-refusal.json', 'anthropic-refusal', 'content_filter'],
  ['max_tokens', 'switchyard-max-tokens.json', 'switchyard-max-tokens', 'length'],
];

for (const [name, body, stream, finish] of cases) {
  test(`fixtures for ${name}: non-streamed and streamed both end with ${finish}`, () => {
    const completion = convertAnthropicResponse(readJsonFixture(body), testContext());
    assert.equal(completion.choices[0]?.finish_reason, finish);
    const run = runStream(readStreamFixture(stream), testContext({ stream: true, includeUsage: true }));
    assert.equal(run.error, null);
    assert.deepEqual(streamRuleViolations(run.chunks, true), []);
    assert.equal(foldChunks(run.chunks).finishReason, finish);
  });
}

test('max_tokens → length, the partial text kept, streamed and not', () => {
  const completion = convertAnthropicResponse(readJsonFixture('switchyard-max-tokens.json'), testContext());
  assert.equal(completion.choices[0]?.message.content, 'Once upon a time, in a gateway far');
  assert.deepEqual([completion.usage?.prompt_tokens, completion.usage?.completion_tokens], [14, 10]);
  const streamed = foldChunks(runStream(readStreamFixture('switchyard-max-tokens'), testContext({ stream: true, includeUsage: true })).chunks);
  assert.equal(streamed.content, 'Once upon a time, in a gateway far');
  assert.deepEqual([streamed.usage?.prompt_tokens, streamed.usage?.completion_tokens], [14, 10], 'message_delta usage is cumulative; input kept from message_start');
});

test('recorded error bodies map to the OpenAI envelope with the request id', () => {
  const cases: ReadonlyArray<[string, number, number, string | null, boolean]> = [
    ['switchyard-error-400-prompt-too-long.json', 400, 400, 'context_length_exceeded', false],
    ['switchyard-error-401-authentication.json', 401, 401, 'invalid_api_key', false],
    ['switchyard-error-429-rate-limit.json', 429, 429, 'rate_limit_exceeded', true],
    ['switchyard-error-529-overloaded.json', 529, 503, 'overloaded', true],
  ];
  for (const [file, status, mapped, code, retryable] of cases) {
    const error = mapAnthropicError(status, readFixture(file), { 'retry-after': '12' });
    assert.equal(error.status, mapped, file);
    assert.equal(error.code, code, file);
    assert.equal(error.retryable, retryable, file);
    assert.match(error.message, /\(Anthropic request id: req_011CSw\w+\)$/, file);
    assert.equal(error.headers['retry-after'], retryable ? '12' : undefined, `${file}: retry-after only where a retry makes sense`);
  }
  assert.equal(mapAnthropicError(400, readFixture('switchyard-error-400-prompt-too-long.json'), {}).param, 'messages');
});
