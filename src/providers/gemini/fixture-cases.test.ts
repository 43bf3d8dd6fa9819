/**
 * Every case the gateway must translate has a recorded or hand-written Gemini fixture, streamed and
 * not: each replays to the expected answer, and each stream obeys OpenAI's chunk rules. Also the
 * tool round-trip request fixture (names, call order, signatures, thinking level).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { streamRuleViolations } from '../../../test/conformance/stream-rules.js';
import type { ProviderEndpoint } from '../../config/config.js';
import { chatRequestSchema } from '../../core/chat-request.js';
import type { ChatCompletionChunk, FinishReason } from '../../core/chat-response.js';
import { fixtureEvents, readJsonFixture, testContext } from './__fixtures__/fixtures.js';
import { buildGeminiRequest } from './build-request.js';
import { convertGeminiResponse } from './convert-response.js';
import { createGeminiStreamConverter } from './stream-converter.js';

const cases: ReadonlyArray<[string, string, FinishReason]> = [
  ['plain text', 'google-text', 'stop'],
  ['a tool call', 'google-tool-call', 'tool_calls'],
  ['parallel tool calls', 'gemini-parallel-tool-calls', 'tool_calls'],
  ['JSON schema output', 'gemini-json-schema', 'stop'],
  ['thought summaries', 'gemini-thoughts', 'stop'],
  ['MAX_TOKENS', 'gemini-max-tokens', 'length'],
  ['a SAFETY stop', 'gemini-safety-stop', 'content_filter'],
  ['a blocked prompt', 'gemini-prompt-blocked', 'content_filter'],
];

function stream(name: string): { chunks: ChatCompletionChunk[]; content: string; finish: FinishReason | null } {
  const converter = createGeminiStreamConverter(testContext({ stream: true, includeUsage: true }));
  const chunks = fixtureEvents(`${name}.chunks.txt`).flatMap((event) => converter.push(event));
  chunks.push(...converter.end());
  const choices = chunks.flatMap((chunk) => chunk.choices);
  return {
    chunks,
    content: choices.map((choice) => choice.delta.content ?? '').join(''),
    finish: choices.find((choice) => choice.finish_reason !== null)?.finish_reason ?? null,
  };
}

for (const [name, file, finish] of cases) {
  test(`fixtures for ${name}: non-streamed and streamed both end with ${finish}`, () => {
    assert.equal(convertGeminiResponse(readJsonFixture(`${file}.json`), testContext()).choices[0]?.finish_reason, finish);
    const streamed = stream(file);
    assert.deepEqual(streamRuleViolations(streamed.chunks, true), []);
    assert.equal(streamed.finish, finish);
  });
}

test('hand-written streams say what their non-streamed twins say', () => {
  for (const file of ['gemini-json-schema', 'gemini-max-tokens']) {
    const completion = convertGeminiResponse(readJsonFixture(`${file}.json`), testContext());
    const streamed = stream(file);
    assert.equal(streamed.content, completion.choices[0]?.message.content, file);
    assert.deepEqual(streamed.chunks.at(-1)?.usage, completion.usage, file);
  }
  assert.deepEqual(JSON.parse(stream('gemini-json-schema').content), { city: 'Paris', population: 2_102_650 });
  assert.equal(stream('gemini-safety-stop').content, 'Here is how', 'text sent before the block stays sent');
});

test('tool round-trip request: named functionResponses in call order, the signature on its call, the sentinel where none was kept', () => {
  const endpoint: ProviderEndpoint = { name: 'gemini', type: 'gemini', baseUrl: 'https://g.example', apiKey: 'k', apiVersion: null, headers: {} };
  const request = chatRequestSchema.parse(readJsonFixture('openai-tool-round-trip-request.json'));
  const upstream = buildGeminiRequest(request, endpoint, testContext({ upstreamModel: 'gemini-3-pro-preview', stream: true }));
  assert.equal(upstream.url, 'https://g.example/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse');
  assert.deepEqual(JSON.parse(upstream.body), readJsonFixture('gemini-tool-round-trip-request.expected.json'));
});
