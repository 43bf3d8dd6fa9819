import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reasoningDetailSchema, type ReasoningDetail } from '../../core/reasoning-details.js';
import { foldChunks, readStreamFixture, runStream, testContext } from './__fixtures__/replay.js';
import { convertAnthropicResponse } from './convert-response.js';
import { toThinkingBlocks } from './convert-reasoning-details.js';

const details = (list: unknown[]): ReasoningDetail[] => list.map((item) => reasoningDetailSchema.parse(item));

test('signed thinking and redacted thinking are rebuilt in index order; other providers and unsigned text are skipped', () => {
  assert.deepEqual(
    toThinkingBlocks(
      details([
        { type: 'reasoning.encrypted', data: 'REDACTED', format: 'anthropic-claude-v1', index: 1 },
        { type: 'reasoning.text', text: 'Think.', signature: 'SIG', format: 'anthropic-claude-v1', index: 0 },
        { type: 'reasoning.text', text: 'No signature.', format: 'anthropic-claude-v1', index: 2 },
        { type: 'reasoning.encrypted', data: 'gemini', format: 'google-gemini-v1', index: 3 },
        { type: 'reasoning.summary', summary: 'short', format: 'anthropic-claude-v1', index: 4 },
      ]),
    ),
    [
      { type: 'thinking', thinking: 'Think.', signature: 'SIG' },
      { type: 'redacted_thinking', data: 'REDACTED' },
    ],
  );
  assert.deepEqual(toThinkingBlocks(null), []);
});

test('signatures survive a round trip: the details a response produces rebuild its exact thinking blocks', () => {
  const upstream = {
    id: 'msg_1',
    model: 'claude-sonnet-4-5',
    content: [
      { type: 'thinking', thinking: 'Step one.', signature: 'SIG-A' },
      { type: 'redacted_thinking', data: 'OPAQUE' },
      { type: 'thinking', thinking: 'Step two.', signature: 'SIG-B' },
      { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} },
    ],
    stop_reason: 'tool_use',
    usage: { input_tokens: 1, output_tokens: 1 },
  };
  const message = convertAnthropicResponse(upstream, testContext()).choices[0]?.message;
  assert.equal(message?.reasoning_content, 'Step one.\n\nStep two.');
  assert.deepEqual(toThinkingBlocks(message?.reasoning_details), upstream.content.slice(0, 3));
});

test('the details a client collects from a stream rebuild the streamed thinking blocks', () => {
  const answer = foldChunks(runStream(readStreamFixture('switchyard-thinking-tool'), testContext({ stream: true })).chunks);
  assert.deepEqual(toThinkingBlocks(answer.reasoningDetails), [
    {
      type: 'thinking',
      thinking: 'The user wants the weather in Paris. I should call get_weather.',
      signature:
        'EqQBCkgIBxABGAIqQJ7vBm1Zs5w3Q2cH0m1pLr0yT0f6lYb3cR9bQyVh8Hh1F6v4gW2Ck9Yp2kqg8nS1bZ7lq3mH2dX0f5QWm4X1y8ESDFw1aGVzaXMtdGVzdBIMb3BhcXVlLXNpZ25hdHVyZQ==',
    },
    { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB5URj2pYmH5yuM4K3R1hOv6Kgw=' },
  ]);
});
