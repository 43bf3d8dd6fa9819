/**
 * The official `openai` SDK against the gateway for `gemini-2.5-pro`: what the fake Gemini upstream
 * receives (generateContent / streamGenerateContent bodies) and what the SDK gets back, streamed and
 * not — plain chats, tools (single, parallel, round trip), vision (data URL and an http image the
 * gateway inlines, refused on private addresses unless allowed), JSON schema, thinking with thought
 * signatures sent back, upstream errors and unsupported parameters.
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
import { FAKE_THOUGHT_SIGNATURE, geminiWire } from '../fakes/gemini-wire.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';
import { startImageServer, type ImageServer } from '../helpers/image-server.js';
import { contentDeltas, readChunks, reasoningOf, streamedReasoning } from '../helpers/sdk-chunks.js';
import { SINGLE_ATTEMPT_ROUTING, writeTempConfig, type TempConfig } from '../helpers/temp-config.js';
import { TINY_PNG_BASE64, TINY_PNG_DATA_URL } from '../helpers/tiny-png.js';

const MODEL = 'gemini-2.5-pro';
const writers = { anthropic: anthropicWire, gemini: geminiWire };

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

const fixture = (name: string): string => readFileSync(new URL(`../../src/providers/gemini/__fixtures__/${name}`, import.meta.url), 'utf8');

/** Settles a call that must fail, giving the SDK error to inspect. */
const failure = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => assert.fail('expected an error'),
    (error: unknown) => error,
  );

describe('Gemini through the official SDK (gemini-2.5-pro)', () => {
  let gateway: TestGateway;
  let config: TempConfig;
  let images: ImageServer;
  const lastBody = () => gateway.upstream.last.body;
  before(async () => {
    images = await startImageServer();
    // The test image server is on loopback, which the media inliner refuses unless allowed.
    config = writeTempConfig(`${SINGLE_ATTEMPT_ROUTING}media: { allow_private_addresses: true }\n`);
    gateway = await startGateway({ writers, configPath: config.path });
  });
  after(async () => {
    await gateway.close();
    await images.close();
    config.remove();
  });
  beforeEach(() => gateway.upstream.reset());

  test('a plain chat becomes a generateContent call and comes back as a chat completion', async () => {
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
    assert.equal(received.path, '/v1beta/models/gemini-2.5-pro:generateContent');
    assert.equal(received.headers['x-goog-api-key'], 'gemini-upstream');
    assert.ok(!received.path.includes('key='), 'the key never goes in the URL');
    assert.deepEqual(received.body, {
      contents: [{ role: 'user', parts: [{ text: 'Say hello' }] }],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { temperature: 0.3, maxOutputTokens: 256 },
    });
    assert.equal(response.headers.get('x-switchyard-provider'), 'gemini');
    assert.equal(completion.model, MODEL);
    assert.equal(completion.choices[0]?.message.content, 'Hello from the fake upstream!');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.deepEqual([completion.usage?.prompt_tokens, completion.usage?.completion_tokens, completion.usage?.total_tokens], [12, 6, 18]);
  });

  test('a streamed chat uses streamGenerateContent?alt=sse: text in several deltas, usage only when asked', async () => {
    const answer: CannedAnswer = { text: 'The quick brown fox jumps over the lazy dog.', finish: 'stop', usage: { prompt: 300, completion: 11, cachedRead: 250 } };
    gateway.upstream.setDefault({ kind: 'answer', answer });
    const plain = await readChunks(await gateway.client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Fox?' }], stream: true }));
    assert.equal(gateway.upstream.last.path, '/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse');
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
  });

  test('a single tool call: tools become functionDeclarations, a forced choice ANY with the allowed name', async () => {
    gateway.upstream.setDefault({
      kind: 'answer',
      answer: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }], finish: 'tool_calls', usage: { prompt: 50, completion: 12 } },
    });
    const completion = await gateway.client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools,
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    assert.deepEqual(lastBody().tools, [
      {
        functionDeclarations: [
          { name: 'get_weather', description: 'Current weather for a city', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
          { name: 'get_time', parametersJsonSchema: { type: 'object', properties: { zone: { type: 'string' } } } },
        ],
      },
    ]);
    assert.deepEqual(lastBody().toolConfig, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } });
    const choice = completion.choices[0];
    assert.equal(choice?.finish_reason, 'tool_calls', 'Gemini ends tool turns with STOP');
    assert.equal(choice?.message.content, null);
    const call = choice?.message.tool_calls?.[0];
    assert.ok(call?.type === 'function');
    assert.match(call.id, /^call_/, 'Gemini sends no ids: the gateway makes OpenAI-style ones');
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
    assert.ok(ids.every((id) => id !== ''));
  });

  test('a tool round trip: functionCall parts, then functionResponse parts named after the calls, in call order', async () => {
    gateway.upstream.enqueue({ kind: 'answer', answer: twoCalls });
    const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather and time in Paris?' }];
    const first = await gateway.client.chat.completions.create({ model: MODEL, messages, tools });
    const assistant = first.choices[0]?.message;
    assert.ok(assistant?.tool_calls?.length === 2);
    const [weatherId, timeId] = assistant.tool_calls.map((call) => call.id);
    // OpenAI tool messages carry no function name, and clients may answer in any order.
    messages.push(assistant, { role: 'tool', tool_call_id: timeId ?? '', content: '{"time":"14:05"}' }, { role: 'tool', tool_call_id: weatherId ?? '', content: '18C, sunny' });

    await gateway.client.chat.completions.create({ model: MODEL, messages, tools });
    assert.deepEqual(lastBody().contents, [
      { role: 'user', parts: [{ text: 'Weather and time in Paris?' }] },
      {
        role: 'model',
        parts: [{ text: 'Checking both.' }, { functionCall: { name: 'get_weather', args: { city: 'Paris' } } }, { functionCall: { name: 'get_time', args: { zone: 'Europe/Paris' } } }],
      },
      {
        role: 'user',
        parts: [{ functionResponse: { name: 'get_weather', response: { content: '18C, sunny' } } }, { functionResponse: { name: 'get_time', response: { time: '14:05' } } }],
      },
    ]);
  });

  describe('vision', () => {
    test('a data URL becomes inlineData', async () => {
      await gateway.client.chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: TINY_PNG_DATA_URL } }] }],
      });
      assert.deepEqual(lastBody().contents, [{ role: 'user', parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data: TINY_PNG_BASE64 } }] }]);
    });

    test('an http image URL is downloaded by the gateway and sent inline (private addresses allowed in the config)', async () => {
      const before = images.hits;
      await gateway.client.chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: images.url } }] }],
      });
      assert.equal(images.hits, before + 1);
      assert.deepEqual(lastBody().contents, [{ role: 'user', parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data: TINY_PNG_BASE64 } }] }]);
    });

    test('by default an image on a private address is refused: 400 naming the image url, nothing fetched or sent', async () => {
      const strict = await startGateway({ writers, env: { SWITCHYARD_CONFIG: '' } });
      try {
        const before = images.hits;
        const error = await failure(
          strict.client.chat.completions.create({
            model: MODEL,
            messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: images.url } }] }],
          }),
        );
        assert.ok(error instanceof OpenAI.BadRequestError);
        assert.equal(error.param, 'messages[0].content[1].image_url.url');
        assert.match(error.message, /127\.0\.0\.1/);
        assert.equal(images.hits, before, 'the SSRF guard refuses before connecting');
        assert.equal(strict.upstream.requests.length, 0);
      } finally {
        await strict.close();
      }
    });
  });

  test('JSON schema: response_format json_schema becomes responseMimeType + responseJsonSchema and the answer parses', async () => {
    gateway.upstream.setDefault({ kind: 'answer', answer: { text: '{"city":"Paris","temperature":18}', finish: 'stop', usage: { prompt: 40, completion: 12 } } });
    const schema = { type: 'object', properties: { city: { type: 'string' }, temperature: { type: 'number' } }, required: ['city', 'temperature'], additionalProperties: false };
    const completion = await gateway.client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Weather in Paris as JSON' }],
      response_format: { type: 'json_schema', json_schema: { name: 'weather', schema, strict: true } },
    });
    assert.deepEqual(lastBody().generationConfig, { responseMimeType: 'application/json', responseJsonSchema: schema });
    assert.deepEqual(JSON.parse(completion.choices[0]?.message.content ?? ''), { city: 'Paris', temperature: 18 });
  });

  describe('thinking', () => {
    const thinking: CannedAnswer = {
      reasoning: 'The user wants the weather; I should call get_weather for Paris.',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }],
      finish: 'tool_calls',
      usage: { prompt: 60, completion: 80, reasoning: 50 },
    };
    const signedCall = { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: FAKE_THOUGHT_SIGNATURE };

    test('reasoning_effort high → thinkingConfig; thoughts come back as reasoning_content and the signature returns on its functionCall', async () => {
      gateway.upstream.enqueue({ kind: 'answer', answer: thinking });
      const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
      const first = await gateway.client.chat.completions.create({ model: MODEL, messages, tools, reasoning_effort: 'high' });
      assert.deepEqual(lastBody().generationConfig, { thinkingConfig: { thinkingBudget: 24_576, includeThoughts: true } });
      const message = first.choices[0]?.message;
      const callId = message?.tool_calls?.[0]?.id;
      assert.ok(message && callId);
      const reasoning = reasoningOf(message);
      assert.equal(reasoning.content, thinking.reasoning);
      assert.deepEqual(reasoning.details, [{ type: 'reasoning.encrypted', data: FAKE_THOUGHT_SIGNATURE, format: 'google-gemini-v1', index: 0, id: callId }]);
      assert.equal(first.usage?.completion_tokens_details?.reasoning_tokens, 50);

      messages.push(message, { role: 'tool', tool_call_id: callId, content: '18C' });
      await gateway.client.chat.completions.create({ model: MODEL, messages, tools, reasoning_effort: 'high' });
      const contents = lastBody().contents as Array<{ role: string; parts: unknown[] }>;
      assert.deepEqual(contents[1], { role: 'model', parts: [signedCall] });
      assert.deepEqual(contents[2], { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { content: '18C' } } }] });
    });

    test('streamed: thoughts arrive as reasoning_content deltas and the signature from the deltas is sent back', async () => {
      gateway.upstream.enqueue({ kind: 'answer', answer: thinking });
      const chunks = await readChunks(
        await gateway.client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Weather in Paris?' }], tools, reasoning_effort: 'high', stream: true }),
      );
      const reasoning = streamedReasoning(chunks);
      assert.equal(reasoning.content, thinking.reasoning);
      const callId = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []).find((call) => call.id !== undefined)?.id;
      assert.ok(callId);

      const assistant: ChatCompletionAssistantMessageParam & { reasoning_details: ReasoningDetail[] } = {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: callId, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
        reasoning_details: reasoning.details,
      };
      await gateway.client.chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: 'Weather in Paris?' }, assistant, { role: 'tool', tool_call_id: callId, content: '18C' }],
        tools,
      });
      const contents = lastBody().contents as Array<{ role: string; parts: unknown[] }>;
      assert.deepEqual(contents[1], { role: 'model', parts: [signedCall] });
    });
  });

  describe('thought signatures with clients that replay only role, content and tool_calls', () => {
    // The recorded Gemini 3 calls: `weather` with a `location`, the signature on the functionCall part.
    const weatherTools: ChatCompletionTool[] = [
      { type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } } },
    ];
    const question: ChatCompletionMessageParam = { role: 'user', content: 'What is the weather in San Francisco?' };
    const recordedSignature = (name: string): string => /"thoughtSignature":\s*"([^"]+)"/.exec(fixture(name))?.[1] ?? '';

    /** What LangChain, the Vercel AI SDK and most agents keep of an assistant message. */
    function bareAssistant(message: OpenAI.ChatCompletionMessage): ChatCompletionAssistantMessageParam {
      const calls = (message.tool_calls ?? []).flatMap((call) => (call.type === 'function' ? [{ id: call.id, type: 'function' as const, function: { name: call.function.name, arguments: call.function.arguments } }] : []));
      return { role: 'assistant', content: message.content, tool_calls: calls };
    }

    test('streamed with the SDK helper: Gemini 3 gets the recorded ~5,500-character signature back on its functionCall, not the sentinel', async () => {
      gateway.upstream.enqueue({ kind: 'sse', events: recordedEvents(fixture('google-tool-call-gemini3.chunks.txt')) });
      const final = await gateway.client.chat.completions.stream({ model: 'gemini-3-pro-preview', messages: [question], tools: weatherTools }).finalChatCompletion();
      const message = final.choices[0]?.message;
      const callId = message?.tool_calls?.[0]?.id ?? '';
      assert.ok(message);
      assert.match(callId, /^call_[A-Za-z0-9_-]+$/, 'still a valid id for OpenAI clients and Anthropic tool_use');

      await gateway.client.chat.completions.create({
        model: 'gemini-3-pro-preview',
        messages: [question, bareAssistant(message), { role: 'tool', tool_call_id: callId, content: '{"temperature":18}' }],
        tools: weatherTools,
      });
      const contents = lastBody().contents as Array<{ role: string; parts: unknown[] }>;
      const signature = recordedSignature('google-tool-call-gemini3.chunks.txt');
      assert.ok(signature.length > 5000);
      assert.deepEqual(contents[1], { role: 'model', parts: [{ functionCall: { name: 'weather', args: { location: 'San Francisco' } }, thoughtSignature: signature }] });
      assert.deepEqual(contents[2], { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { temperature: 18 } } }] });
    });

    test('non-streamed on Gemini 2.5, then the same history sent to OpenAI: the signature returns to Gemini, OpenAI gets paired ids of at most 40 characters', async () => {
      gateway.upstream.enqueue({ kind: 'raw', contentType: 'application/json', body: fixture('google-tool-call-gemini3.json') });
      const first = await gateway.client.chat.completions.create({ model: MODEL, messages: [question], tools: weatherTools });
      const message = first.choices[0]?.message;
      const callId = message?.tool_calls?.[0]?.id ?? '';
      assert.ok(message && callId.length > 40);
      const history: ChatCompletionMessageParam[] = [question, bareAssistant(message), { role: 'tool', tool_call_id: callId, content: '{"temperature":18}' }];

      await gateway.client.chat.completions.create({ model: MODEL, messages: history, tools: weatherTools });
      const contents = lastBody().contents as Array<{ role: string; parts: Array<{ thoughtSignature?: string }> }>;
      assert.equal(contents[1]?.parts[0]?.thoughtSignature, recordedSignature('google-tool-call-gemini3.json'));

      await gateway.client.chat.completions.create({ model: 'gpt-4o', messages: history, tools: weatherTools });
      assert.equal(gateway.upstream.last.protocol, 'openai-compatible');
      const sent = lastBody().messages as Array<{ tool_calls?: Array<{ id: string }>; tool_call_id?: string }>;
      const sentId = sent[1]?.tool_calls?.[0]?.id ?? '';
      assert.ok(sentId.length > 0 && sentId.length <= 40, sentId);
      assert.equal(sent[2]?.tool_call_id, sentId);
    });
  });

  describe('upstream errors', () => {
    test('400 INVALID_ARGUMENT with API_KEY_INVALID → 401 invalid_api_key that blames the gateway key', async () => {
      gateway.upstream.enqueue({ kind: 'error', status: 400, body: JSON.parse(fixture('gemini-error-api-key-invalid.json')) });
      const error = await failure(gateway.client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }));
      assert.ok(error instanceof OpenAI.AuthenticationError);
      assert.equal(error.code, 'invalid_api_key');
      assert.match(error.message, /API key configured in the gateway/);
    });

    test('429 RESOURCE_EXHAUSTED → 429 rate_limit_exceeded with retry-after from RetryInfo', async () => {
      gateway.upstream.enqueue({ kind: 'error', status: 429, body: JSON.parse(fixture('gemini-error-429-retry-info.json')) });
      // Its own deployment: a 429 with retry-after cools the deployment down.
      const error = await failure(gateway.client.chat.completions.create({ model: 'gemini/gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] }));
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.equal(error.code, 'rate_limit_exceeded');
      assert.equal(error.headers.get('retry-after'), '35', 'retryDelay 34.4s, rounded up');
    });

    test('an error object inside the stream: the SDK raises APIError after the text that came before', async () => {
      gateway.upstream.enqueue({ kind: 'sse', events: recordedEvents(fixture('gemini-stream-error.chunks.txt')), chunkDelayMs: 30 });
      const stream = await gateway.client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true });
      let text = '';
      const error = await failure(
        (async () => {
          for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
        })(),
      );
      assert.ok(error instanceof OpenAI.APIError);
      assert.equal(error.code, 'overloaded');
      assert.equal(text, 'Partial');
    });
  });

  test('parameters Gemini cannot honour are 400 unsupported_parameter naming them, and nothing reaches Gemini', async () => {
    for (const [extra, param] of [
      [{ logit_bias: { '1234': 5 } }, 'logit_bias'],
      [{ tools, parallel_tool_calls: false }, 'parallel_tool_calls'],
      [{ verbosity: 'low' }, 'verbosity'],
    ] as const) {
      const error = await failure(gateway.client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], ...extra }));
      assert.ok(error instanceof OpenAI.BadRequestError, param);
      assert.equal(error.code, 'unsupported_parameter', param);
      assert.equal(error.param, param);
    }
    assert.equal(gateway.upstream.requests.length, 0);
  });
});
