/**
 * The official `openai` SDK against the gateway for `claude-4-5-sonnet` (→ Anthropic `claude-sonnet-4-5`):
 * what the fake Anthropic upstream receives (the Messages API body) and what the SDK gets back,
 * streamed and not — plain chats, tools (single, parallel, round trip), vision, JSON schema,
 * extended thinking with signed reasoning sent back, upstream errors and unsupported parameters.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, test } from 'node:test';
import OpenAI from 'openai';
import type { ChatCompletionAssistantMessageParam, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { ReasoningDetail } from '../../src/core/reasoning-details.js';
import { anthropicWire } from '../fakes/anthropic-wire.js';
import type { CannedAnswer } from '../fakes/canned-answer.js';
import { recordedEvents } from '../fakes/fake-upstream.js';
import { geminiWire } from '../fakes/gemini-wire.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';
import { contentDeltas, readChunks, reasoningOf, streamedReasoning } from '../helpers/sdk-chunks.js';
import { SINGLE_ATTEMPT_ROUTING, writeTempConfig, type TempConfig } from '../helpers/temp-config.js';
import { TINY_PNG_BASE64, TINY_PNG_DATA_URL } from '../helpers/tiny-png.js';

const MODEL = 'claude-4-5-sonnet';
const UPSTREAM_MODEL = 'claude-sonnet-4-5';

const tools: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } } },
];

const twoCalls: CannedAnswer = {
  text: 'Checking both.',
  toolCalls: [
    { name: 'get_weather', arguments: { city: 'Paris' } },
    { name: 'get_time', arguments: { zone: 'Europe/Paris' } },
  ],
  finish: 'tool_calls',
  usage: { prompt: 90, completion: 40 },
};

/** The Anthropic body the fake received last. */
const lastBody = (gateway: TestGateway) => gateway.upstream.last.body;

describe('Anthropic through the official SDK (claude-4-5-sonnet)', () => {
  let gateway: TestGateway;
  let config: TempConfig;
  before(async () => {
    config = writeTempConfig(SINGLE_ATTEMPT_ROUTING);
    gateway = await startGateway({ writers: { anthropic: anthropicWire, gemini: geminiWire }, configPath: config.path });
  });
  after(async () => {
    await gateway.close();
    config.remove();
  });
  beforeEach(() => gateway.upstream.reset());

  test('a plain chat becomes a Messages API call and comes back as a chat completion', async () => {
    const { data: completion, response } = await gateway.client.chat.completions
      .create({
        model: MODEL,
        max_tokens: 256,
        temperature: 0.3,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Say hello' },
        ],
      })
      .withResponse();
    const received = gateway.upstream.last;
    assert.equal(received.path, '/v1/messages');
    assert.equal(received.headers['x-api-key'], 'sk-ant-upstream');
    assert.equal(received.headers['anthropic-version'], '2023-06-01');
    assert.deepEqual(received.body, {
      model: UPSTREAM_MODEL,
      max_tokens: 256,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello' }] }],
      system: [{ type: 'text', text: 'Be brief.' }],
      temperature: 0.3,
    });
    assert.equal(response.headers.get('x-switchyard-provider'), 'anthropic');
    assert.equal(completion.model, UPSTREAM_MODEL);
    assert.equal(completion.choices[0]?.message.content, 'Hello from the fake upstream!');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.deepEqual([completion.usage?.prompt_tokens, completion.usage?.completion_tokens, completion.usage?.total_tokens], [12, 6, 18]);
  });

  test('a streamed chat: text in several deltas, usage only when asked (cache reads counted in the prompt)', async () => {
    const answer: CannedAnswer = { text: 'The quick brown fox jumps over the lazy dog.', finish: 'stop', usage: { prompt: 300, completion: 11, cachedRead: 250 } };
    gateway.upstream.setDefault({ kind: 'answer', answer });
    const plain = await readChunks(await gateway.client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Fox?' }], stream: true }));
    assert.equal(lastBody(gateway).stream, true);
    assert.ok(contentDeltas(plain).length >= 3, 'several content deltas');
    assert.equal(contentDeltas(plain).join(''), answer.text);
    assert.equal(plain.at(-1)?.choices[0]?.finish_reason, 'stop');
    assert.ok(plain.every((chunk) => chunk.usage === undefined || chunk.usage === null), 'no usage unless asked');

    const metered = await readChunks(
      await gateway.client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Fox?' }], stream: true, stream_options: { include_usage: true } }),
    );
    const last = metered.at(-1);
    assert.deepEqual(last?.choices, []);
    assert.equal(last?.usage?.prompt_tokens, 300);
    assert.equal(last?.usage?.completion_tokens, 11);
    assert.equal(last?.usage?.prompt_tokens_details?.cached_tokens, 250);
    assert.equal(metered.filter((chunk) => chunk.usage).length, 1);
  });

  test('a single tool call: tools and a forced choice become Anthropic tools and tool_choice', async () => {
    gateway.upstream.setDefault({
      kind: 'answer',
      answer: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }], finish: 'tool_calls', usage: { prompt: 50, completion: 12 } },
    });
    const completion = await gateway.client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools,
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
    });
    const body = lastBody(gateway);
    assert.deepEqual(body.tools, [
      { name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }, description: 'Current weather for a city' },
      { name: 'get_time', input_schema: { type: 'object', properties: { zone: { type: 'string' } } } },
    ]);
    assert.deepEqual(body.tool_choice, { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true });
    const choice = completion.choices[0];
    assert.equal(choice?.finish_reason, 'tool_calls');
    assert.equal(choice?.message.content, null);
    const call = choice?.message.tool_calls?.[0];
    assert.ok(call?.type === 'function');
    assert.match(call.id, /^toolu_/);
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
  });

  test('parallel tool calls streamed: the SDK stream helper assembles both calls with valid JSON arguments', async () => {
    gateway.upstream.setDefault({ kind: 'answer', answer: twoCalls });
    const final = await gateway.client.chat.completions.stream({ model: MODEL, messages: [{ role: 'user', content: 'Weather and time in Paris?' }], tools }).finalChatCompletion();
    const choice = final.choices[0];
    assert.equal(choice?.finish_reason, 'tool_calls');
    assert.equal(choice?.message.content, 'Checking both.');
    const calls = (choice?.message.tool_calls ?? []).map((call) => (call.type === 'function' ? [call.function.name, JSON.parse(call.function.arguments)] : null));
    assert.deepEqual(calls, [
      ['get_weather', { city: 'Paris' }],
      ['get_time', { zone: 'Europe/Paris' }],
    ]);
    const ids = (choice?.message.tool_calls ?? []).map((call) => call.id);
    assert.equal(new Set(ids).size, 2);
    assert.ok(ids.every((id) => id.startsWith('toolu_')));
  });

  test('a tool round trip: assistant tool_calls and tool messages become tool_use and tool_result blocks', async () => {
    gateway.upstream.enqueue({ kind: 'answer', answer: twoCalls });
    const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather and time in Paris?' }];
    const first = await gateway.client.chat.completions.create({ model: MODEL, messages, tools });
    const assistant = first.choices[0]?.message;
    assert.ok(assistant?.tool_calls?.length === 2);
    const [weatherId, timeId] = assistant.tool_calls.map((call) => call.id);
    messages.push(assistant, { role: 'tool', tool_call_id: weatherId ?? '', content: '18C, sunny' }, { role: 'tool', tool_call_id: timeId ?? '', content: '14:05' });

    await gateway.client.chat.completions.create({ model: MODEL, messages, tools });
    assert.deepEqual(lastBody(gateway).messages, [
      { role: 'user', content: [{ type: 'text', text: 'Weather and time in Paris?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking both.' },
          { type: 'tool_use', id: weatherId, name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: timeId, name: 'get_time', input: { zone: 'Europe/Paris' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: weatherId, content: '18C, sunny' },
          { type: 'tool_result', tool_use_id: timeId, content: '14:05' },
        ],
      },
    ]);
  });

  test('vision: a data URL becomes a base64 image block; an https URL is left for Anthropic to fetch', async () => {
    await gateway.client.chat.completions.create({
      model: MODEL,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these images?' },
            { type: 'image_url', image_url: { url: TINY_PNG_DATA_URL, detail: 'high' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
          ],
        },
      ],
    });
    assert.deepEqual(lastBody(gateway).messages, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in these images?' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: TINY_PNG_BASE64 } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
        ],
      },
    ]);
  });

  test('JSON schema: response_format json_schema becomes output_config.format and the answer parses', async () => {
    gateway.upstream.setDefault({ kind: 'answer', answer: { text: '{"city":"Paris","temperature":18}', finish: 'stop', usage: { prompt: 40, completion: 12 } } });
    const schema = { type: 'object', properties: { city: { type: 'string' }, temperature: { type: 'number' } }, required: ['city', 'temperature'], additionalProperties: false };
    const completion = await gateway.client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Weather in Paris as JSON' }],
      response_format: { type: 'json_schema', json_schema: { name: 'weather', schema, strict: true } },
    });
    assert.deepEqual(lastBody(gateway).output_config, { format: { type: 'json_schema', schema } });
    assert.equal(lastBody(gateway).tools, undefined, 'native structured output, no synthetic tool');
    assert.deepEqual(JSON.parse(completion.choices[0]?.message.content ?? ''), { city: 'Paris', temperature: 18 });
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
  });

  describe('extended thinking', () => {
    const thinking: CannedAnswer = {
      reasoning: 'The user wants the weather; I should call get_weather for Paris.',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }],
      finish: 'tool_calls',
      usage: { prompt: 60, completion: 80, reasoning: 50 },
    };
    /** The signature the upstream put on its thinking block. */
    const upstreamSignature = (): string => {
      const body = anthropicWire.completion(thinking, UPSTREAM_MODEL) as { content: Array<{ type: string; signature?: string }> };
      const signature = body.content.find((block) => block.type === 'thinking')?.signature;
      assert.ok(signature);
      return signature;
    };

    test('reasoning_effort high → a thinking budget; reasoning_content and signed reasoning_details come back and are sent back', async () => {
      gateway.upstream.enqueue({ kind: 'answer', answer: thinking });
      const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
      const first = await gateway.client.chat.completions.create({ model: MODEL, messages, tools, reasoning_effort: 'high' });
      assert.deepEqual(lastBody(gateway).thinking, { type: 'enabled', budget_tokens: 24_576 });
      assert.equal(lastBody(gateway).max_tokens, 64_000);
      const message = first.choices[0]?.message;
      assert.ok(message);
      const reasoning = reasoningOf(message);
      assert.equal(reasoning.content, thinking.reasoning);
      assert.deepEqual(reasoning.details, [
        { type: 'reasoning.text', text: thinking.reasoning, signature: upstreamSignature(), format: 'anthropic-claude-v1', index: 0 },
      ]);
      assert.equal(first.usage?.completion_tokens_details?.reasoning_tokens, 50);

      messages.push(message, { role: 'tool', tool_call_id: message.tool_calls?.[0]?.id ?? '', content: '18C' });
      await gateway.client.chat.completions.create({ model: MODEL, messages, tools, reasoning_effort: 'high' });
      const replayed = lastBody(gateway).messages as Array<{ role: string; content: unknown[] }>;
      assert.deepEqual(replayed[1]?.content[0], { type: 'thinking', thinking: thinking.reasoning, signature: upstreamSignature() });
      assert.deepEqual(replayed[1]?.content[1], { type: 'tool_use', id: message.tool_calls?.[0]?.id, name: 'get_weather', input: { city: 'Paris' } });
    });

    test('streamed: reasoning_content arrives in deltas and the signed reasoning_details from the deltas are sent back', async () => {
      gateway.upstream.enqueue({ kind: 'answer', answer: thinking });
      const chunks = await readChunks(
        await gateway.client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Weather in Paris?' }], tools, reasoning_effort: 'high', stream: true }),
      );
      const reasoning = streamedReasoning(chunks);
      assert.equal(reasoning.content, thinking.reasoning);
      assert.ok(chunks.filter((chunk) => reasoningOf(chunk.choices[0]?.delta ?? {}).content !== '').length >= 2, 'reasoning in several deltas');
      const callDelta = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []).find((call) => call.id !== undefined);
      assert.ok(callDelta?.id);

      const assistant: ChatCompletionAssistantMessageParam & { reasoning_details: ReasoningDetail[] } = {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: callDelta.id, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
        reasoning_details: reasoning.details,
      };
      await gateway.client.chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: 'Weather in Paris?' }, assistant, { role: 'tool', tool_call_id: callDelta.id, content: '18C' }],
        tools,
        reasoning_effort: 'high',
      });
      const replayed = lastBody(gateway).messages as Array<{ role: string; content: unknown[] }>;
      assert.deepEqual(replayed[1]?.content[0], { type: 'thinking', thinking: thinking.reasoning, signature: upstreamSignature() });
    });
  });

  describe('upstream errors', () => {
    test('Anthropic 529 overloaded → 502 upstream_error (design.md §4), the message kept', async () => {
      gateway.upstream.enqueue({ kind: 'error', status: 529, message: 'Overloaded' });
      const error = await gateway.client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }).then(
        () => assert.fail('expected an error'),
        (failure: unknown) => failure,
      );
      assert.ok(error instanceof OpenAI.InternalServerError);
      assert.equal(error.status, 502);
      assert.equal(error.code, 'upstream_error');
      assert.match(error.message, /anthropic failed \(HTTP 529\): Overloaded/);
    });

    test('Anthropic 429 → 429 rate_limit_exceeded with retry-after kept', async () => {
      gateway.upstream.enqueue({ kind: 'error', status: 429, message: 'Number of request tokens has exceeded your rate limit', headers: { 'retry-after': '7' } });
      // Its own deployment: a 429 with retry-after cools the deployment down.
      const error = await gateway.client.chat.completions.create({ model: 'anthropic/claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }] }).then(
        () => assert.fail('expected an error'),
        (failure: unknown) => failure,
      );
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.equal(error.code, 'rate_limit_exceeded');
      assert.equal(error.headers.get('retry-after'), '7');
      assert.match(error.message, /rate limit/);
    });

    test('an error event in the middle of the stream: the SDK raises APIError after the content that came before', async () => {
      const recorded = readFileSync(new URL('../../src/providers/anthropic/__fixtures__/switchyard-error-mid-stream.chunks.txt', import.meta.url), 'utf8');
      // Paced, so the first chunks reach the client before the error does (as a real mid-stream failure).
      gateway.upstream.enqueue({ kind: 'sse', events: recordedEvents(recorded, { named: true }), chunkDelayMs: 30 });
      const stream = await gateway.client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true });
      let text = '';
      const error = await (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      })().then(
        () => assert.fail('expected an error'),
        (failure: unknown) => failure,
      );
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.code, 'overloaded');
      assert.match(error.message, /Overloaded/);
      assert.equal(text, 'Hel');
    });
  });

  test('parameters Claude cannot honour are 400 unsupported_parameter naming them, and nothing reaches Anthropic', async () => {
    for (const [extra, param] of [
      [{ n: 2 }, 'n'],
      [{ logit_bias: { '1234': 5 } }, 'logit_bias'],
      [{ logprobs: true }, 'logprobs'],
      [{ temperature: 1.5 }, 'temperature'],
    ] as const) {
      const error = await gateway.client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], ...extra }).then(
        () => assert.fail(`expected ${param} to be refused`),
        (failure: unknown) => failure,
      );
      assert.ok(error instanceof OpenAI.BadRequestError, param);
      assert.equal(error.code, 'unsupported_parameter', param);
      assert.equal(error.param, param);
    }
    assert.equal(gateway.upstream.requests.length, 0);
  });
});
