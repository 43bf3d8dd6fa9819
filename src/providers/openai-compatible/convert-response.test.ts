import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { testContext } from '../test-context.js';
import { convertOpenAICompatibleResponse } from './convert-response.js';
import { mapOpenAICompatibleError } from './map-error.js';

const fixture = (path: string): unknown => JSON.parse(readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url), 'utf8'));

test('the recorded OpenAI answer keeps its fields and conforms', () => {
  const completion = convertOpenAICompatibleResponse(fixture('openai/openai-text.json'), testContext());
  assert.equal(completion.object, 'chat.completion');
  assert.equal(completion.choices[0]?.message.refusal, null);
  assert.equal(completion.choices[0]?.logprobs, null);
  assert.equal(completion.usage?.total_tokens, completion.usage ? completion.usage.prompt_tokens + completion.usage.completion_tokens : -1);
});

test('the recorded DeepSeek reasoning answer keeps reasoning_content and reasoning tokens', () => {
  const completion = convertOpenAICompatibleResponse(fixture('deepseek/deepseek-reasoning.json'), testContext());
  assert.ok((completion.choices[0]?.message.reasoning_content ?? '').length > 0);
  assert.ok((completion.usage?.completion_tokens_details?.reasoning_tokens ?? 0) > 0);
});

test('missing ids, created and model are filled; vLLM `reasoning` becomes reasoning_content; Moonshot cached_tokens read', () => {
  const completion = convertOpenAICompatibleResponse(
    {
      choices: [{ message: { role: 'assistant', content: 'x', reasoning: 'why' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12, cached_tokens: 4 },
    },
    testContext({ upstreamModel: 'served-model' }),
  );
  assert.equal(completion.id, 'chatcmpl-1');
  assert.equal(completion.created, 1_700_000_000);
  assert.equal(completion.model, 'served-model');
  assert.equal(completion.choices[0]?.message.reasoning_content, 'why');
  assert.equal(completion.usage?.prompt_tokens_details?.cached_tokens, 4);
});

test('a body that is not a completion is a 502', () => {
  assert.throws(() => convertOpenAICompatibleResponse({ hello: 'world' }, testContext()), /not a chat completion/);
});

test('the recorded legacy-parameter error keeps status, message, param and code', () => {
  const body = JSON.stringify(fixture('openai/reasoning-model-legacy-parameter-error.json'));
  const error = mapOpenAICompatibleError(400, body, {});
  assert.equal(error.status, 400);
  assert.equal(error.param, 'max_tokens');
  assert.equal(error.code, 'unsupported_parameter');
  assert.equal(error.retryable, false);
  assert.equal(mapOpenAICompatibleError(503, 'upstream down', {}).retryable, true);
});
