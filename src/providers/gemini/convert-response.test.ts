import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayError } from '../../core/errors.js';
import { readJsonFixture, testContext } from './__fixtures__/fixtures.js';
import { convertGeminiResponse } from './convert-response.js';

const convert = (name: string, model = 'gemini-3-pro-preview') => convertGeminiResponse(readJsonFixture(name), testContext({ upstreamModel: model }));
const signature = (name: string): string => {
  const body = readJsonFixture(name) as { candidates: { content: { parts: { thoughtSignature: string }[] } }[] };
  return body.candidates[0]?.content.parts[0]?.thoughtSignature ?? '';
};
/** The id of a call whose part carried `thoughtSignature` (thought-signature-id.ts), built independently with Buffer. */
const signedId = (id: string, thoughtSignature: string): string => `${id}__thought__${Buffer.from(thoughtSignature, 'base64').toString('base64url')}`;

test('recorded text answer (google-text.json) → text, stop, usage with thoughts as reasoning, signature without id', () => {
  assert.deepEqual(convert('google-text.json'), {
    id: 'chatcmpl-Un6LacrVMcjUxs0PmJfWoQc',
    object: 'chat.completion',
    created: 1_770_000_000,
    model: 'gemini-3-pro-preview',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
          refusal: null,
          reasoning_details: [{ type: 'reasoning.encrypted', data: signature('google-text.json'), format: 'google-gemini-v1', index: 0 }],
        },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: 9,
      completion_tokens: 272,
      total_tokens: 281,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 244 },
    },
  });
});

test('recorded reasoning answer (google-reasoning.json) → text and reasoning token count (no thought summaries were requested)', () => {
  const completion = convert('google-reasoning.json');
  assert.equal(completion.choices[0]?.message.content, 'There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.');
  assert.equal(completion.choices[0]?.message.reasoning_content, undefined);
  assert.deepEqual(completion.usage, {
    prompt_tokens: 9,
    completion_tokens: 311,
    total_tokens: 320,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 282 },
  });
});

for (const name of ['google-tool-call.json', 'google-tool-call-gemini3.json']) {
  test(`recorded tool call (${name}) → tool_calls with a synthesised id carrying the signature, content null, finish tool_calls, signature tied to the call`, () => {
    const completion = convert(name);
    const choice = completion.choices[0];
    const id = signedId('call_1', signature(name));
    assert.match(id, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(choice?.message, {
      role: 'assistant',
      content: null,
      refusal: null,
      tool_calls: [{ id, type: 'function', function: { name: 'weather', arguments: '{"location":"San Francisco"}' } }],
      reasoning_details: [{ type: 'reasoning.encrypted', data: signature(name), format: 'google-gemini-v1', index: 0, id }],
    });
    assert.equal(choice?.finish_reason, 'tool_calls');
    const body = readJsonFixture(name) as { usageMetadata: { totalTokenCount: number } };
    assert.equal(completion.usage?.total_tokens, body.usageMetadata.totalTokenCount);
  });
}

test('parallel calls → two tool calls, the batch signature on the first only (in its id too)', () => {
  const message = convert('gemini-parallel-tool-calls.json').choices[0]?.message;
  const first = signedId('call_1', 'CiQBjz1rX2Pa');
  assert.deepEqual(message?.tool_calls, [
    { id: first, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
    { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } },
  ]);
  assert.deepEqual(message?.reasoning_details, [{ type: 'reasoning.encrypted', data: 'CiQBjz1rX2Pa', format: 'google-gemini-v1', index: 0, id: first }]);
});

test('thought parts → reasoning_content; cached tokens → cached_tokens', () => {
  const completion = convert('gemini-thoughts.json', 'gemini-2.5-flash');
  const message = completion.choices[0]?.message;
  assert.equal(message?.content, "There are 3 r's in strawberry.");
  assert.equal(message?.reasoning_content, '**Counting letters**\n\nI spell it out and count each r.');
  assert.deepEqual(message?.reasoning_details, [{ type: 'reasoning.encrypted', data: 'EpwBCpkBAb4+9vs7', format: 'google-gemini-v1', index: 0 }]);
  assert.deepEqual(completion.usage, {
    prompt_tokens: 12,
    completion_tokens: 409,
    total_tokens: 421,
    prompt_tokens_details: { cached_tokens: 4 },
    completion_tokens_details: { reasoning_tokens: 400 },
  });
});

test('a blocked prompt (no candidates) → one content_filter choice with null content and the prompt usage', () => {
  const completion = convert('gemini-prompt-blocked.json', 'gemini-2.5-flash');
  assert.deepEqual(completion.choices, [
    { index: 0, message: { role: 'assistant', content: null, refusal: null }, logprobs: null, finish_reason: 'content_filter' },
  ]);
  assert.equal(completion.usage?.prompt_tokens, 9);
  assert.equal(completion.usage?.completion_tokens, 0);
});

test('SAFETY without content → content_filter with null content; MAX_TOKENS → length', () => {
  const safety = convert('gemini-safety-stop.json').choices[0];
  assert.equal(safety?.finish_reason, 'content_filter');
  assert.equal(safety?.message.content, null);
  const length = convert('gemini-max-tokens.json', 'gemini-2.0-flash');
  assert.equal(length.choices[0]?.finish_reason, 'length');
  assert.equal(length.choices[0]?.message.content, 'Once upon a time, in a');
  assert.equal(length.model, 'gemini-2.0-flash');
});

test('JSON answer keeps the text verbatim', () => {
  assert.equal(convert('gemini-json-schema.json').choices[0]?.message.content, '{"city": "Paris", "population": 2102650}');
});

test('two candidates → two choices in index order, each with OpenAI-shaped logprobs', () => {
  const completion = convert('gemini-two-candidates-logprobs.json', 'gemini-2.0-flash');
  assert.deepEqual(
    completion.choices.map((choice) => [choice.index, choice.message.content, choice.finish_reason]),
    [
      [0, 'Blue', 'stop'],
      [1, 'Red', 'stop'],
    ],
  );
  assert.deepEqual(completion.choices[0]?.logprobs, {
    content: [
      {
        token: 'Blue',
        logprob: -0.05,
        bytes: [66, 108, 117, 101],
        top_logprobs: [
          { token: 'Blue', logprob: -0.05, bytes: [66, 108, 117, 101] },
          { token: 'Red', logprob: -3.2, bytes: [82, 101, 100] },
        ],
      },
    ],
    refusal: null,
  });
});

test('no responseId → a fresh chatcmpl id; no modelVersion → the deployment model', () => {
  const completion = convertGeminiResponse(
    { candidates: [{ content: { parts: [{ text: 'hi' }], role: 'model' }, finishReason: 'STOP' }] },
    testContext({ upstreamModel: 'gemini-2.5-pro' }),
  );
  assert.equal(completion.id, 'chatcmpl-1');
  assert.equal(completion.model, 'gemini-2.5-pro');
  assert.equal(completion.usage, undefined);
});

test('a body that is not a response, or has no candidates and no block reason, is a 502 upstream_error', () => {
  for (const body of [{ candidates: 'nope' }, {}, null]) {
    assert.throws(
      () => convertGeminiResponse(body, testContext()),
      (error: unknown) => error instanceof GatewayError && error.status === 502 && error.code === 'upstream_error',
    );
  }
});

test('an error object in a 200 body is mapped by its own code', () => {
  assert.throws(
    () => convertGeminiResponse(readJsonFixture('gemini-error-503.json'), testContext()),
    (error: unknown) => error instanceof GatewayError && error.status === 503 && error.code === 'overloaded',
  );
});
