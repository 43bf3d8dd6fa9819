/**
 * The official `@anthropic-ai/sdk` against the gateway's Messages door (POST /v1/messages) with a
 * virtual key: natively to a Claude deployment (the fake Anthropic upstream receives the client's
 * body with only the model rewritten, the provider's key and the client's beta flags), translated to
 * gpt-4o, gemini-2.5-pro and deepseek-v3.2 — plain, streamed, tools, images, thinking — and the
 * request Claude Code really sends; errors in Anthropic's shape; metering; count_tokens; the
 * Anthropic-shaped model list; the `HEAD /` probe.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, RawMessageStreamEvent, Tool } from '@anthropic-ai/sdk/resources/messages';
import { anthropicWire } from '../fakes/anthropic-wire.js';
import type { CannedAnswer } from '../fakes/canned-answer.js';
import { geminiWire } from '../fakes/gemini-wire.js';
import { admin, eventually, startGateway, type TestGateway } from '../helpers/gateway.js';
import { SINGLE_ATTEMPT_ROUTING, writeTempConfig, type TempConfig } from '../helpers/temp-config.js';
import { TINY_PNG_BASE64 } from '../helpers/tiny-png.js';

const recorded = JSON.parse(readFileSync(new URL('../fixtures/claude-code/claude-code-2.1.197-say-hi.request.json', import.meta.url), 'utf8')) as {
  url: string;
  headers: Record<string, string>;
  body: string;
};

const weather: Tool = { name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };
const hello: MessageParam[] = [{ role: 'user', content: 'Say hello' }];

describe('the Messages door through the official Anthropic SDK', () => {
  let gateway: TestGateway;
  let config: TempConfig;
  let key: { id: string; key: string };
  let client: Anthropic;
  const post = (path: string, body: unknown, headers: Record<string, string> = { 'x-api-key': key.key }) =>
    fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  before(async () => {
    config = writeTempConfig(SINGLE_ATTEMPT_ROUTING);
    gateway = await startGateway({ writers: { anthropic: anthropicWire, gemini: geminiWire }, configPath: config.path, storeUsage: true });
    const created = await admin(gateway, 'POST', '/admin/keys', { name: 'claude-code' });
    key = { id: String(created.body.id), key: String(created.body.key) };
    client = new Anthropic({ baseURL: gateway.url, apiKey: key.key, maxRetries: 0, timeout: 10_000 });
  });
  after(async () => {
    await gateway.close();
    config.remove();
  });
  beforeEach(() => gateway.upstream.reset());

  describe('natively to claude-4-5-sonnet', () => {
    test('the body goes up unchanged but for the model, with the provider key and the client’s beta flags', async () => {
      const body = { model: 'claude-4-5-sonnet', max_tokens: 300, system: [{ type: 'text' as const, text: 'Be brief.', cache_control: { type: 'ephemeral' as const } }], messages: hello, top_k: 5 };
      const message = await client.beta.messages.create({ ...body, betas: ['context-management-2025-06-27'] });
      const received = gateway.upstream.last;
      assert.equal(received.path, '/v1/messages', 'this SDK calls its beta API without ?beta=true (Claude Code adds it: below)');
      assert.deepEqual(received.body, { ...body, model: 'claude-sonnet-4-5' });
      assert.equal(received.headers['x-api-key'], 'sk-ant-upstream');
      assert.equal(received.headers.authorization, undefined, 'the client’s key never goes up');
      assert.equal(received.headers['anthropic-beta'], 'context-management-2025-06-27');
      assert.equal(received.headers['anthropic-version'], '2026-10-21', 'the SDK’s version, as sent');
      assert.equal(message.content[0]?.type === 'text' ? message.content[0].text : null, 'Hello from the fake upstream!');
      assert.equal(message.model, 'claude-4-5-sonnet', 'the name asked for, as Anthropic echoes it (the fake answered claude-sonnet-4-5)');
    });

    test('streamed: Anthropic’s events reach the SDK as they came', async () => {
      const answer: CannedAnswer = { reasoning: 'Greet back.', text: 'Hello there, friend.', finish: 'stop', usage: { prompt: 40, completion: 12, cachedRead: 30 } };
      gateway.upstream.setDefault({ kind: 'answer', answer });
      const stream = client.messages.stream({ model: 'claude-4-5-sonnet', max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: hello });
      const events: RawMessageStreamEvent[] = [];
      stream.on('streamEvent', (event) => events.push(event));
      const message = await stream.finalMessage();
      assert.equal(gateway.upstream.last.body.stream, true);
      assert.deepEqual([events[0]?.type === 'message_start' ? events[0].message.model : null, message.model], ['claude-4-5-sonnet', 'claude-4-5-sonnet'], 'message_start names the model asked for');
      assert.deepEqual(message.content.map((block) => block.type), ['thinking', 'text']);
      assert.ok(message.content[0]?.type === 'thinking' && message.content[0].signature !== '', 'the signature passed through');
      assert.deepEqual([message.usage.input_tokens, message.usage.cache_read_input_tokens, message.usage.output_tokens], [10, 30, 12]);
    });

    test('Claude Code’s recorded request passes through byte for byte except the model', async () => {
      const response = await post(recorded.url, recorded.body, { ...recorded.headers, 'x-api-key': key.key });
      assert.equal(response.status, 200);
      await response.text();
      const received = gateway.upstream.last;
      assert.equal(received.path, '/v1/messages?beta=true');
      assert.equal(JSON.stringify(received.body), recorded.body, 'claude-sonnet-4-5 is both the public and the upstream name');
      assert.equal(received.headers['anthropic-beta'], recorded.headers['anthropic-beta']);
      assert.equal(received.headers['x-api-key'], 'sk-ant-upstream');
    });

    test('an upstream error keeps its status in Anthropic’s shape', async () => {
      gateway.upstream.enqueue({ kind: 'error', status: 400, message: 'messages.0.content: text content blocks must be non-empty' });
      await assert.rejects(client.messages.create({ model: 'claude-4-5-sonnet', max_tokens: 10, messages: hello }), (error: unknown) => {
        assert.ok(error instanceof Anthropic.BadRequestError);
        assert.deepEqual((error.error as { error: { type: string } }).error.type, 'invalid_request_error');
        assert.match(error.message, /must be non-empty/);
        return true;
      });
    });
  });

  describe('translated', () => {
    test('gpt-4o: a plain answer, the OpenAI request the fake received', async () => {
      const { data: message, response } = await client.messages
        .create({ model: 'gpt-4o', max_tokens: 200, system: 'Be brief.', messages: hello, stop_sequences: ['END'], metadata: { user_id: 'u-1' } })
        .withResponse();
      const received = gateway.upstream.last;
      assert.equal(received.path, '/v1/chat/completions');
      assert.equal(received.headers.authorization, 'Bearer sk-upstream-openai-secret');
      assert.deepEqual(received.body.messages, [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hello' },
      ]);
      assert.deepEqual([received.body.max_tokens, received.body.stop, received.body.user], [200, ['END'], 'u-1']);
      assert.equal(response.headers.get('x-switchyard-provider'), 'openai');
      assert.match(message.id, /^msg_/);
      assert.equal(message.model, 'gpt-4o');
      assert.deepEqual(message.content, [{ type: 'text', text: 'Hello from the fake upstream!', citations: null }]);
      assert.equal(message.stop_reason, 'end_turn');
      assert.deepEqual([message.usage.input_tokens, message.usage.output_tokens], [12, 6]);
    });

    test('gpt-4o streamed: the SDK’s stream helper assembles the message; usage arrives in message_delta', async () => {
      const answer: CannedAnswer = { text: 'The quick brown fox jumps over the lazy dog.', finish: 'stop', usage: { prompt: 300, completion: 11, cachedRead: 250 } };
      gateway.upstream.setDefault({ kind: 'answer', answer });
      const stream = client.messages.stream({ model: 'gpt-4o', max_tokens: 100, messages: hello });
      const events: RawMessageStreamEvent[] = [];
      stream.on('streamEvent', (event) => events.push(event));
      const message = await stream.finalMessage();
      assert.deepEqual(gateway.upstream.last.body.stream_options, { include_usage: true });
      assert.ok(events.filter((event) => event.type === 'content_block_delta').length >= 3, 'several text deltas');
      assert.equal(message.content[0]?.type === 'text' ? message.content[0].text : null, answer.text);
      assert.deepEqual([message.usage.input_tokens, message.usage.cache_read_input_tokens, message.usage.output_tokens], [50, 250, 11]);
      assert.equal(message.stop_reason, 'end_turn');
    });

    test('gpt-4o tools: tool_use comes back, the tool_result goes up as a tool message', async () => {
      gateway.upstream.enqueue({ kind: 'answer', answer: { text: 'Checking.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }], finish: 'tool_calls', usage: { prompt: 50, completion: 12 } } });
      const first = await client.messages.create({ model: 'gpt-4o', max_tokens: 200, tools: [weather], tool_choice: { type: 'auto', disable_parallel_tool_use: true }, messages: [{ role: 'user', content: 'Weather in Paris?' }] });
      assert.deepEqual(gateway.upstream.last.body.tools, [{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: weather.input_schema } }]);
      assert.deepEqual([gateway.upstream.last.body.tool_choice, gateway.upstream.last.body.parallel_tool_calls], ['auto', false]);
      assert.equal(first.stop_reason, 'tool_use');
      const call = first.content.find((block) => block.type === 'tool_use');
      assert.ok(call?.type === 'tool_use');
      assert.deepEqual([call.name, call.input], ['get_weather', { city: 'Paris' }]);

      const second = await client.messages.create({
        model: 'gpt-4o',
        max_tokens: 200,
        tools: [weather],
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '18°C and sunny' }] },
        ],
      });
      const messages = gateway.upstream.last.body.messages as Array<Record<string, unknown>>;
      assert.deepEqual(messages.slice(1), [
        { role: 'assistant', content: 'Checking.', tool_calls: [{ id: call.id, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: call.id, content: '18°C and sunny' },
      ]);
      assert.equal(second.stop_reason, 'end_turn');
    });

    test('gpt-4o streamed tool calls: input_json_delta fragments the SDK parses into input', async () => {
      gateway.upstream.setDefault({ kind: 'answer', answer: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }, { name: 'get_weather', arguments: { city: 'Nice' } }], finish: 'tool_calls', usage: { prompt: 50, completion: 20 } } });
      const message = await client.messages.stream({ model: 'gpt-4o', max_tokens: 200, tools: [weather], messages: [{ role: 'user', content: 'Paris and Nice?' }] }).finalMessage();
      assert.equal(message.stop_reason, 'tool_use');
      assert.deepEqual(message.content.map((block) => (block.type === 'tool_use' ? block.input : block.type)), [{ city: 'Paris' }, { city: 'Nice' }]);
    });

    test('gemini-2.5-pro: images inline, thinking budget → thinkingConfig, thoughts → a thinking block', async () => {
      gateway.upstream.setDefault({ kind: 'answer', answer: { reasoning: 'A tiny red square.', text: 'It is a red pixel.', finish: 'stop', usage: { prompt: 300, completion: 30, reasoning: 12 } } });
      const message = await client.messages.create({
        model: 'gemini-2.5-pro',
        max_tokens: 4000,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: TINY_PNG_BASE64 } }, { type: 'text', text: 'What is this?' }] }],
      });
      const received = gateway.upstream.last;
      assert.match(received.path, /gemini-2\.5-pro:generateContent/);
      const contents = received.body.contents as Array<{ parts: Array<Record<string, unknown>> }>;
      assert.deepEqual(contents[0]?.parts, [{ inlineData: { mimeType: 'image/png', data: TINY_PNG_BASE64 } }, { text: 'What is this?' }]);
      assert.ok((received.body.generationConfig as { thinkingConfig?: unknown }).thinkingConfig, 'thinking asked for');
      assert.deepEqual(message.content.map((block) => block.type), ['thinking', 'text']);
      assert.equal(message.content[0]?.type === 'thinking' ? message.content[0].thinking : null, 'A tiny red square.');
      assert.equal(message.usage.output_tokens_details?.thinking_tokens, 12);
    });

    test('deepseek-v3.2 streamed with thinking: reasoning streams as a thinking block before the text', async () => {
      gateway.upstream.setDefault({ kind: 'answer', answer: { reasoning: 'Six times seven.', text: '42', finish: 'stop', usage: { prompt: 10, completion: 50, reasoning: 40 } } });
      const message = await client.messages.stream({ model: 'deepseek-v3.2', max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: '6×7?' }] }).finalMessage();
      const received = gateway.upstream.last;
      assert.equal(received.body.model, 'deepseek-chat');
      assert.equal(message.model, 'deepseek-v3.2', 'message_start names the model asked for, not the upstream deepseek-chat');
      const { data: plain, response } = await client.messages.create({ model: 'deepseek-v3.2', max_tokens: 100, messages: hello }).withResponse();
      assert.deepEqual([plain.model, response.headers.get('x-switchyard-model')], ['deepseek-v3.2', 'deepseek-chat'], 'non-streamed too; the header says which model answered');
      assert.equal(received.body.reasoning_effort, 'low');
      assert.deepEqual(message.content.map((block) => (block.type === 'thinking' ? block.thinking : block.type === 'text' ? block.text : block.type)), ['Six times seven.', '42']);
    });

    test('Claude Code’s recorded request translates for gpt-4o and gemini-2.5-pro', async () => {
      for (const model of ['gpt-4o', 'gemini-2.5-pro']) {
        const body = JSON.stringify({ ...(JSON.parse(recorded.body) as Record<string, unknown>), model });
        const response = await post(recorded.url, body, { ...recorded.headers, 'x-api-key': key.key });
        const text = await response.text();
        assert.equal(response.status, 200, `${model}: ${text.slice(0, 300)}`);
        assert.match(text, /^event: message_start\n/);
        assert.match(text, /event: message_stop\ndata: \{"type":"message_stop"\}\n\n$/);
      }
    });

    test('what cannot be translated is a 400 naming the parameter, and nothing goes up', async () => {
      await assert.rejects(client.messages.create({ model: 'gpt-4o', max_tokens: 10, messages: hello, tools: [{ type: 'web_search_20250305', name: 'web_search' }] }), (error: unknown) => {
        assert.ok(error instanceof Anthropic.BadRequestError);
        assert.match(error.message, /web_search_20250305/);
        return true;
      });
      const response = await post('/v1/messages', { model: 'gemini-2.5-pro', max_tokens: 10, top_k: 3, messages: hello });
      assert.equal(response.status, 400);
      assert.deepEqual(((await response.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
      assert.equal(gateway.upstream.requests.length, 0);
    });
  });

  describe('errors in Anthropic’s shape', () => {
    const errorOf = async (response: Response) => (await response.json()) as { type: string; error: { type: string; message: string } };

    test('a bad body is 400 invalid_request_error naming the field; malformed JSON too', async () => {
      const bad = await post('/v1/messages', { model: 'gpt-4o', messages: hello });
      assert.equal(bad.status, 400);
      const body = await errorOf(bad);
      assert.equal(body.type, 'error');
      assert.equal(body.error.type, 'invalid_request_error');
      assert.match(body.error.message, /^max_tokens: /);
      const broken = await post('/v1/messages', '{"model":');
      assert.equal(broken.status, 400);
      assert.equal((await errorOf(broken)).error.type, 'invalid_request_error');
    });

    test('no key is 401 authentication_error; an unknown model is 404 not_found_error', async () => {
      const anonymous = await post('/v1/messages', { model: 'gpt-4o', max_tokens: 10, messages: hello }, {});
      assert.equal(anonymous.status, 401);
      assert.equal((await errorOf(anonymous)).error.type, 'authentication_error');
      await assert.rejects(client.messages.create({ model: 'no-such-model-xyz', max_tokens: 10, messages: hello }), (error: unknown) => {
        assert.ok(error instanceof Anthropic.NotFoundError);
        assert.equal((error.error as { error: { type: string } }).error.type, 'not_found_error');
        return true;
      });
    });

    test('a failure after the stream started is an error event the SDK throws', async () => {
      gateway.upstream.setDefault({ kind: 'sse', events: ['data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}\n\n'], cutAfter: 1 });
      await assert.rejects(client.messages.stream({ model: 'gpt-4o', max_tokens: 10, messages: hello }).finalMessage(), (error: unknown) => {
        assert.ok(error instanceof Anthropic.APIError);
        assert.equal((error.error as { error: { type: string } }).error.type, 'api_error');
        return true;
      });
    });
  });

  test('usage and cost are recorded for the key, with door "messages"', async () => {
    const created = await admin(gateway, 'POST', '/admin/keys', { name: 'metered' });
    const metered = new Anthropic({ baseURL: gateway.url, apiKey: String(created.body.key), maxRetries: 0 });
    gateway.upstream.setDefault({ kind: 'answer', answer: { text: 'Hi.', finish: 'stop', usage: { prompt: 1000, completion: 100, cachedRead: 400 } } });
    await metered.messages.create({ model: 'claude-4-5-sonnet', max_tokens: 100, messages: hello });
    await metered.messages.stream({ model: 'gpt-4o', max_tokens: 100, messages: hello }).finalMessage();
    const records = await eventually(async () => {
      const page = await admin(gateway, 'GET', `/admin/requests?key_id=${String(created.body.id)}`);
      assert.equal(page.body.data?.length, 2);
      return page.body.data ?? [];
    });
    for (const record of records) {
      assert.equal(record.door, 'messages');
      assert.deepEqual([record.prompt_tokens, record.completion_tokens, record.cached_tokens], [1000, 100, 400]);
      assert.ok(Number(record.cost_usd) > 0, `cost for ${String(record.model)}`);
    }
    assert.deepEqual(records.map((record) => [record.model, record.stream]).sort(), [['claude-4-5-sonnet', false], ['gpt-4o', true]]);
    const usage = await admin(gateway, 'GET', `/admin/usage?group_by=model&key_id=${String(created.body.id)}`);
    assert.equal(usage.body.data?.length, 2);
    const view = await admin(gateway, 'GET', `/admin/keys/${String(created.body.id)}`);
    assert.ok(Number(view.body.spend_usd) > 0, 'spend counted on the key');
  });

  test('count_tokens: counted by Anthropic for Claude, estimated by the gateway otherwise', async () => {
    gateway.upstream.enqueue({ kind: 'raw', body: '{"input_tokens":42}' });
    const counted = await client.messages.countTokens({ model: 'claude-4-5-sonnet', messages: hello, system: 'Be brief.' });
    assert.equal(counted.input_tokens, 42);
    assert.equal(gateway.upstream.last.path, '/v1/messages/count_tokens');
    assert.equal(gateway.upstream.last.body.model, 'claude-sonnet-4-5');
    assert.equal(gateway.upstream.last.headers['x-api-key'], 'sk-ant-upstream');

    const { data, response } = await client.messages.countTokens({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x'.repeat(400) }] }).withResponse();
    assert.equal(response.headers.get('x-switchyard-token-count'), 'estimate');
    assert.ok(data.input_tokens >= 100 && data.input_tokens < 120, String(data.input_tokens));
    assert.equal(gateway.upstream.requests.length, 1, 'the estimate calls nobody');
    const anonymous = await post('/v1/messages/count_tokens', { model: 'gpt-4o', messages: hello }, {});
    assert.equal(anonymous.status, 401);
  });

  test('GET /v1/models answers Anthropic’s list shape to Anthropic clients', async () => {
    const page = await client.models.list({ limit: 2 });
    assert.equal(page.data.length, 2);
    assert.deepEqual(Object.keys(page.data[0] ?? {}).sort(), ['created_at', 'display_name', 'id', 'type']);
    assert.equal(page.data[0]?.type, 'model');
    assert.equal(page.has_more, true);
    const all = [];
    for await (const model of client.models.list({ limit: 5 })) all.push(model.id);
    assert.ok(all.includes('claude-4-5-sonnet') && all.includes('gpt-4o'), all.join(','));
    assert.equal(new Set(all).size, all.length, 'paging with after_id repeats nothing');
    assert.equal((await client.models.retrieve('gpt-4o')).id, 'gpt-4o');
    await assert.rejects(client.models.retrieve('no-such-model-xyz'), (error: unknown) => error instanceof Anthropic.NotFoundError);
    const openai = await gateway.client.models.list();
    assert.equal(openai.data[0]?.object, 'model', 'OpenAI clients still get OpenAI’s shape');
  });

  test('HEAD / (Claude Code’s start-up probe) answers without a key', async () => {
    const response = await fetch(`${gateway.url}/`, { method: 'HEAD', redirect: 'manual' });
    assert.ok(response.status >= 200 && response.status < 400, String(response.status));
  });
});
