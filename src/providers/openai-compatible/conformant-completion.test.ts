import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rawJsonOf, withRawJson } from '../../core/raw-json.js';
import { testContext } from '../test-context.js';
import { isConformantCompletion } from './conformant-completion.js';
import { convertOpenAICompatibleResponse } from './convert-response.js';

const openai = () => ({
  id: 'chatcmpl-abc',
  object: 'chat.completion',
  created: 1_770_000_000,
  model: 'gpt-4o-2024-08-06',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hi!', refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
  service_tier: 'default',
  system_fingerprint: 'fp_1',
});

test('an OpenAI answer as OpenAI sends it is already the canonical completion', () => {
  assert.equal(isConformantCompletion(openai()), true);
  const withTools = openai();
  withTools.choices[0]!.message = { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }] } as never;
  assert.equal(isConformantCompletion(withTools), true);
});

test('anything off falls back to the full conversion', () => {
  const cases: Array<(body: ReturnType<typeof openai>) => void> = [
    (body) => delete (body.choices[0]!.message as { refusal?: unknown }).refusal,
    (body) => delete (body.choices[0] as { logprobs?: unknown }).logprobs,
    (body) => ((body.choices[0] as { finish_reason: unknown }).finish_reason = 'eos'),
    (body) => Object.assign(body.choices[0]!.message, { content: [{ type: 'text', text: 'x' }] }),
    (body) => ((body as { id: unknown }).id = ''),
    (body) => ((body as { choices: unknown }).choices = []),
    (body) => ((body.usage as { prompt_tokens: unknown }).prompt_tokens = '9'),
    (body) => Object.assign(body.choices[0]!.message, { tool_calls: [{ id: '', type: 'function', function: { name: 'f', arguments: '{}' } }] }),
  ];
  for (const [index, breakIt] of cases.entries()) {
    const body = openai();
    breakIt(body);
    assert.equal(isConformantCompletion(body), false, `case ${index}`);
  }
});

test('from OpenAI the parsed body itself is returned, so its text can be sent unchanged; from others it is rebuilt', () => {
  const text = JSON.stringify(openai());
  const body = withRawJson(JSON.parse(text) as object, text);
  const fromOpenAI = convertOpenAICompatibleResponse(body, testContext({ upstreamModel: 'gpt-4o', providerType: 'openai' }));
  assert.equal(rawJsonOf(fromOpenAI), text);
  const fromDeepSeek = convertOpenAICompatibleResponse(body, testContext({ upstreamModel: 'deepseek-chat', providerType: 'deepseek' }));
  assert.equal(rawJsonOf(fromDeepSeek), undefined);
  assert.equal(fromDeepSeek.choices[0]?.message.content, 'Hi!');
});
