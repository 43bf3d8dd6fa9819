/**
 * POST /v1/responses end to end with the official `openai` SDK's Responses API: natively to OpenAI
 * (gpt-5: the body passes unchanged but the model, with the provider's key), and translated to
 * Anthropic (claude-4-5-sonnet), Gemini (gemini-2.5-pro) and DeepSeek (deepseek-v3.2) — plain and
 * streamed answers, a function-tool loop, Codex's namespace tools, images, JSON schema, reasoning
 * effort with signed thinking sent back, the recorded Codex CLI request, errors, the stateless
 * routes, the WebSocket refusal, and usage in the admin API with the door and the key's cost.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import OpenAI, { APIError } from 'openai';
import type { ResponseInputItem, Tool } from 'openai/resources/responses/responses';
import { anthropicWire } from '../fakes/anthropic-wire.js';
import type { CannedAnswer } from '../fakes/canned-answer.js';
import { defaultAnswer } from '../fakes/fake-upstream.js';
import { geminiWire } from '../fakes/gemini-wire.js';
import { responsesWire } from '../fakes/responses-wire.js';
import { admin, eventually, startGateway, type TestGateway } from '../helpers/gateway.js';
import { SINGLE_ATTEMPT_ROUTING, writeTempConfig, type TempConfig } from '../helpers/temp-config.js';
import { TINY_PNG_BASE64, TINY_PNG_DATA_URL } from '../helpers/tiny-png.js';

const CODEX = JSON.parse(readFileSync(new URL('../fixtures/codex/codex-0.171.0-exec.request.json', import.meta.url), 'utf8')) as {
  headers: Record<string, string>;
  body: Record<string, unknown> & { tools: Array<{ type: string; name?: string }> };
};

const weatherTool: Tool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  strict: true,
};

const weatherCall: CannedAnswer = { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }], finish: 'tool_calls', usage: { prompt: 40, completion: 12 } };

type Json = Record<string, unknown>;

describe('POST /v1/responses with the official SDK', () => {
  let gateway: TestGateway;
  let config: TempConfig;
  const last = () => gateway.upstream.last;
  const post = (body: unknown, key = 'sy-test-master-key-0123456789') =>
    fetch(`${gateway.url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });

  before(async () => {
    config = writeTempConfig(SINGLE_ATTEMPT_ROUTING);
    gateway = await startGateway({ writers: { anthropic: anthropicWire, gemini: geminiWire, responses: responsesWire }, configPath: config.path, storeUsage: true });
  });
  after(async () => {
    await gateway.close();
    config.remove();
  });
  beforeEach(() => gateway.upstream.reset());

  describe('natively to OpenAI (gpt-5)', () => {
    test('the body passes unchanged but the model, with the provider key; the answer comes back as sent', async () => {
      const body = {
        model: 'gpt-5',
        input: [{ role: 'user' as const, content: 'Say hi' }],
        instructions: 'Be brief.',
        store: false,
        include: ['reasoning.encrypted_content' as const],
        reasoning: { effort: 'low' as const, summary: 'auto' as const },
        tools: [weatherTool, { type: 'file_search' as const, vector_store_ids: ['vs_1'] }],
        prompt_cache_key: 'session-1',
      };
      const { data: response, response: raw } = await gateway.client.responses.create(body).withResponse();
      assert.equal(last().path, '/v1/responses');
      assert.equal(last().protocol, 'responses');
      assert.deepEqual(last().body, body, 'unchanged: the hosted file_search tool goes through too');
      assert.equal(last().headers.authorization, 'Bearer sk-upstream-openai-secret');
      assert.equal(raw.headers.get('x-switchyard-provider'), 'openai');
      assert.equal(response.object, 'response');
      assert.equal(response.output_text, defaultAnswer.text);
      assert.equal(response.usage?.input_tokens, defaultAnswer.usage.prompt);
    });

    test('streamed: the upstream’s events reach the SDK as they were', async () => {
      const stream = gateway.client.responses.stream({ model: 'gpt-5', input: 'Say hi' });
      const types: string[] = [];
      for await (const event of stream) types.push(event.type);
      const final = await stream.finalResponse();
      assert.equal(last().body.stream, true);
      // Passed through as OpenAI sends it, without the SDK-only output_text: read the message item.
      const message = final.output.find((item) => item.type === 'message');
      assert.deepEqual(message?.type === 'message' ? message.content.map((part) => (part.type === 'output_text' ? part.text : '')) : [], [defaultAnswer.text]);
      assert.equal(types[0], 'response.created');
      assert.equal(types.at(-1), 'response.completed');
      assert.ok(types.filter((type) => type === 'response.output_text.delta').length >= 2);
    });

    test('the recorded Codex CLI request passes through unchanged but the model', async () => {
      const response = await post(CODEX.body);
      assert.equal(response.status, 200);
      await response.text();
      assert.deepEqual(last().body, CODEX.body);
      assert.equal(last().path, '/v1/responses');
    });
  });

  describe('translated to Anthropic (claude-4-5-sonnet)', () => {
    test('a plain answer: instructions become the system prompt, the Response has what the SDK needs', async () => {
      const response = await gateway.client.responses.create({ model: 'claude-4-5-sonnet', instructions: 'Be brief.', input: 'Say hi', max_output_tokens: 200, temperature: 0.3 });
      assert.equal(last().path, '/v1/messages');
      assert.equal(last().headers['x-api-key'], 'sk-ant-upstream');
      assert.deepEqual(last().body.system, [{ type: 'text', text: 'Be brief.' }]);
      assert.deepEqual(last().body.messages, [{ role: 'user', content: [{ type: 'text', text: 'Say hi' }] }]);
      assert.equal(last().body.max_tokens, 200);
      assert.match(response.id, /^resp_/);
      assert.equal(response.status, 'completed');
      assert.equal(response.model, 'claude-sonnet-4-5');
      assert.equal(response.output_text, defaultAnswer.text);
      assert.equal(response.instructions, 'Be brief.');
      assert.deepEqual(response.usage, {
        input_tokens: 12,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 6,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 18,
      });
    });

    test('streamed: client.responses.stream() events and finalResponse()', async () => {
      const stream = gateway.client.responses.stream({ model: 'claude-4-5-sonnet', input: 'Say hi' });
      const deltas: string[] = [];
      const types: string[] = [];
      for await (const event of stream) {
        types.push(event.type);
        if (event.type === 'response.output_text.delta') deltas.push(event.delta);
      }
      const final = await stream.finalResponse();
      assert.equal(last().body.stream, true);
      assert.equal(deltas.join(''), defaultAnswer.text);
      assert.deepEqual(types.slice(0, 4), ['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added']);
      assert.equal(types.at(-1), 'response.completed');
      assert.equal(final.output_text, defaultAnswer.text);
      assert.equal(final.usage?.total_tokens, 18);
    });

    test('a function-tool loop: function_call → function_call_output → the answer', async () => {
      gateway.upstream.enqueue({ kind: 'answer', answer: weatherCall });
      const input: ResponseInputItem[] = [{ role: 'user', content: 'Weather in Paris?' }];
      const first = await gateway.client.responses.create({ model: 'claude-4-5-sonnet', input, tools: [weatherTool] });
      assert.deepEqual(last().body.tools, [
        { name: 'get_weather', description: 'Current weather for a city', input_schema: weatherTool.parameters, strict: true },
      ]);
      const call = first.output.find((item) => item.type === 'function_call');
      assert.ok(call?.type === 'function_call');
      assert.equal(call.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.arguments), { city: 'Paris' });

      input.push(...(first.output as ResponseInputItem[]), { type: 'function_call_output', call_id: call.call_id, output: '18°C, sunny' });
      const second = await gateway.client.responses.create({ model: 'claude-4-5-sonnet', input, tools: [weatherTool] });
      const messages = last().body.messages as Array<{ role: string; content: Json[] }>;
      assert.deepEqual(messages[1], { role: 'assistant', content: [{ type: 'tool_use', id: call.call_id, name: 'get_weather', input: { city: 'Paris' } }] });
      assert.deepEqual(messages[2]?.content[0], { type: 'tool_result', tool_use_id: call.call_id, content: '18°C, sunny' });
      assert.equal(second.output_text, defaultAnswer.text);
    });

    test('Codex namespace tools: flattened for Claude, the call comes back with name + namespace, and goes back flattened', async () => {
      const tools = [
        {
          type: 'namespace',
          name: 'multi_agent_v1',
          description: 'Tools for spawning and managing sub-agents.',
          tools: [{ type: 'function', name: 'spawn_agent', description: 'Spawn a sub-agent.', parameters: { type: 'object', properties: { task: { type: 'string' } } }, strict: false }],
        },
      ] as unknown as Tool[];
      gateway.upstream.enqueue({ kind: 'answer', answer: { toolCalls: [{ name: 'multi_agent_v1__spawn_agent', arguments: { task: 'tests' } }], finish: 'tool_calls', usage: { prompt: 9, completion: 9 } } });
      const input: ResponseInputItem[] = [{ role: 'user', content: 'Delegate the tests.' }];
      const first = await gateway.client.responses.create({ model: 'claude-4-5-sonnet', input, tools });
      assert.deepEqual((last().body.tools as Json[]).map((tool) => tool.name), ['multi_agent_v1__spawn_agent']);
      const call = first.output.find((item) => item.type === 'function_call');
      assert.ok(call?.type === 'function_call');
      assert.deepEqual([call.name, call.namespace], ['spawn_agent', 'multi_agent_v1']);

      input.push(call, { type: 'function_call_output', call_id: call.call_id, output: 'agent 7 started' });
      await gateway.client.responses.create({ model: 'claude-4-5-sonnet', input, tools });
      const messages = last().body.messages as Array<{ content: Json[] }>;
      assert.equal(messages[1]?.content[0]?.name, 'multi_agent_v1__spawn_agent');
    });

    test('images: a data URL becomes a base64 image block, an https URL a URL block', async () => {
      await gateway.client.responses.create({
        model: 'claude-4-5-sonnet',
        input: [
          {
            role: 'user',
            content: [
              { type: 'input_text', text: 'What is in these images?' },
              { type: 'input_image', image_url: TINY_PNG_DATA_URL, detail: 'high' },
              { type: 'input_image', image_url: 'https://example.com/cat.jpg', detail: 'auto' },
            ],
          },
        ],
      });
      assert.deepEqual((last().body.messages as Array<{ content: unknown[] }>)[0]?.content, [
        { type: 'text', text: 'What is in these images?' },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: TINY_PNG_BASE64 } },
        { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
      ]);
    });

    test('reasoning.effort → a thinking budget; the signed thinking rides in encrypted_content and is sent back', async () => {
      const thinking: CannedAnswer = { reasoning: 'I should call get_weather for Paris.', ...weatherCall, usage: { prompt: 60, completion: 80, reasoning: 50 } };
      gateway.upstream.enqueue({ kind: 'answer', answer: thinking });
      const input: ResponseInputItem[] = [{ role: 'user', content: 'Weather in Paris?' }];
      const request = { model: 'claude-4-5-sonnet', tools: [weatherTool], reasoning: { effort: 'high' as const, summary: 'auto' as const }, include: ['reasoning.encrypted_content' as const], store: false };
      const first = await gateway.client.responses.create({ ...request, input });
      assert.deepEqual(last().body.thinking, { type: 'enabled', budget_tokens: 24_576 });
      const reasoning = first.output.find((item) => item.type === 'reasoning');
      assert.ok(reasoning?.type === 'reasoning');
      assert.deepEqual(reasoning.summary, [{ type: 'summary_text', text: thinking.reasoning }]);
      assert.ok(reasoning.encrypted_content, 'signed reasoning is carried');
      assert.equal(first.usage?.output_tokens_details.reasoning_tokens, 50);

      const call = first.output.find((item) => item.type === 'function_call');
      assert.ok(call?.type === 'function_call');
      input.push(...(first.output as ResponseInputItem[]), { type: 'function_call_output', call_id: call.call_id, output: '18C' });
      await gateway.client.responses.create({ ...request, input });
      const signed = anthropicWire.completion(thinking, 'claude-sonnet-4-5') as { content: Array<{ type: string; signature?: string }> };
      const replayed = (last().body.messages as Array<{ content: Json[] }>)[1]?.content[0];
      assert.deepEqual(replayed, { type: 'thinking', thinking: thinking.reasoning, signature: signed.content.find((block) => block.type === 'thinking')?.signature });
    });

    test('a failure mid-stream: the SDK’s stream throws an APIError with the upstream’s message', async () => {
      const events = anthropicWire.stream({ text: 'Partial answer that will be cut off.', finish: 'stop', usage: { prompt: 5, completion: 5 } }, 'claude-sonnet-4-5');
      const cut = [...events.slice(0, 4), 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n'];
      gateway.upstream.enqueue({ kind: 'sse', events: cut });
      const stream = gateway.client.responses.stream({ model: 'claude-4-5-sonnet', input: 'Say something long' });
      await assert.rejects(stream.finalResponse(), (error: unknown) => error instanceof APIError && /Overloaded/.test(error.message));
    });

    test('a hosted tool Claude does not have is a 400 naming it; web_search is dropped', async () => {
      const refused = await post({ model: 'claude-4-5-sonnet', input: 'x', tools: [{ type: 'web_search' }, { type: 'code_interpreter', container: { type: 'auto' } }] });
      assert.equal(refused.status, 400);
      const { error } = (await refused.json()) as { error: Json };
      assert.equal(error.code, 'unsupported_parameter');
      assert.equal(error.param, 'tools[1]');
      assert.equal(gateway.upstream.requests.length, 0, 'nothing reached the upstream');
      const dropped = await post({ model: 'claude-4-5-sonnet', input: 'x', tools: [{ type: 'web_search', external_web_access: false }] });
      assert.equal(dropped.status, 200);
      assert.equal(last().body.tools, undefined);
    });
  });

  describe('translated to Gemini and DeepSeek', () => {
    test('gemini-2.5-pro: text.format json_schema becomes responseMimeType + responseJsonSchema', async () => {
      const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
      gateway.upstream.enqueue({ kind: 'answer', answer: { text: '{"city":"Paris"}', finish: 'stop', usage: { prompt: 10, completion: 5 } } });
      const response = await gateway.client.responses.create({
        model: 'gemini-2.5-pro',
        input: 'Which city?',
        text: { format: { type: 'json_schema', name: 'city', schema, strict: true } },
      });
      assert.match(last().path, /models\/gemini-2\.5-pro:generateContent/);
      assert.deepEqual(last().body.generationConfig, { responseMimeType: 'application/json', responseJsonSchema: schema });
      assert.deepEqual(JSON.parse(response.output_text), { city: 'Paris' });
    });

    test('deepseek-v3.2 streamed: a Chat Completions call asking for usage, with no Responses-only fields', async () => {
      const stream = gateway.client.responses.stream({ model: 'deepseek-v3.2', instructions: 'Be brief.', input: 'Say hi', store: false, prompt_cache_key: 'k', reasoning: { effort: 'medium' } });
      const final = await stream.finalResponse();
      assert.equal(last().path, '/chat/completions');
      const body = last().body;
      assert.deepEqual(body.messages, [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hi' },
      ]);
      assert.deepEqual(body.stream_options, { include_usage: true });
      for (const field of ['input', 'instructions', 'store', 'prompt_cache_key', 'include', 'reasoning']) assert.equal(body[field], undefined, field);
      assert.equal(body.reasoning_effort, 'medium');
      assert.equal(final.output_text, defaultAnswer.text);
      assert.equal(final.usage?.total_tokens, 18);
    });

    for (const model of ['claude-4-5-sonnet', 'gemini-2.5-pro', 'deepseek-v3.2']) {
      test(`the recorded Codex CLI request translates to ${model}: developer messages, namespace tools flattened, web_search dropped`, async () => {
        const response = await post({ ...CODEX.body, model });
        assert.equal(response.status, 200, await response.clone().text());
        const events = await response.text();
        assert.match(events, /event: response\.completed/);
        const sent = JSON.stringify(last().body);
        assert.match(sent, /multi_agent_v1__spawn_agent/);
        assert.doesNotMatch(sent, /web_search|prompt_cache_key|client_metadata|encrypted_content/);
        assert.match(sent, /You are a coding agent running in the Codex CLI/);
      });
    }
  });

  describe('errors and the stateless routes', () => {
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => assert.fail('expected an error'),
        (error: unknown) => {
          assert.ok(error instanceof APIError, String(error));
          return error;
        },
      );

    test('a bad body is a 400 naming the parameter', async () => {
      const error = await failure(gateway.client.responses.create({ model: 'claude-4-5-sonnet', input: 'x', temperature: 5 }));
      assert.equal(error.status, 400);
      assert.equal(error.param, 'temperature');
    });

    test('previous_response_id is a 400 that says the gateway is stateless', async () => {
      const error = await failure(gateway.client.responses.create({ model: 'gpt-5', input: 'x', previous_response_id: 'resp_123' }));
      assert.equal(error.status, 400);
      assert.equal(error.param, 'previous_response_id');
      assert.match(error.message, /stateless/);
      assert.equal(gateway.upstream.requests.length, 0);
    });

    test('no key is a 401; an unknown model a 404', async () => {
      const anonymous = new OpenAI({ apiKey: 'sy-wrong', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
      assert.equal((await failure(anonymous.responses.create({ model: 'gpt-5', input: 'x' }))).status, 401);
      const missing = await failure(gateway.client.responses.create({ model: 'no-such-model-xyz', input: 'x' }));
      assert.equal(missing.status, 404);
      assert.equal(missing.code, 'model_not_found');
    });

    test('GET and DELETE /v1/responses/{id}: 404, nothing is stored', async () => {
      const retrieved = await failure(gateway.client.responses.retrieve('resp_abc'));
      assert.equal(retrieved.status, 404);
      assert.match(retrieved.message, /not stored/);
      assert.equal((await failure(gateway.client.responses.delete('resp_abc'))).status, 404);
    });

    test('a WebSocket upgrade on /v1/responses is refused at once with a 426 and the connection closed', async () => {
      const { port } = new URL(gateway.url);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () =>
          socket.write('GET /v1/responses HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sy-test-master-key-0123456789\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n'),
        );
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
        socket.setTimeout(5000, () => reject(new Error('the socket stayed open')));
      });
      assert.match(answer, /^HTTP\/1\.1 426 /);
      assert.match(answer, /"code":"websocket_not_supported"/);
    });
  });

  test('usage: the record names the door and the cost lands on the calling key', async () => {
    const created = await admin(gateway, 'POST', '/admin/keys', { name: 'codex-user' });
    assert.equal(created.status, 201);
    const client = new OpenAI({ apiKey: String(created.body.key), baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    await client.responses.create({ model: 'claude-4-5-sonnet', input: 'Say hi' });
    const record = await eventually(async () => {
      const page = await admin(gateway, 'GET', `/admin/requests?key_id=${String(created.body.id)}&limit=1`);
      const found = page.body.data?.[0];
      assert.ok(found, 'a usage record');
      return found;
    });
    assert.equal(record.door, 'responses');
    assert.equal(record.model, 'claude-4-5-sonnet');
    assert.equal(record.prompt_tokens, 12);
    assert.equal(record.completion_tokens, 6);
    assert.ok(Number(record.cost_usd) > 0, 'priced');
    const key = await eventually(async () => {
      const read = await admin(gateway, 'GET', `/admin/keys/${String(created.body.id)}`);
      assert.ok(Number(read.body.spend_usd) > 0, 'spend counted on the key');
      return read;
    });
    assert.ok(Number(key.body.spend_usd) > 0);
  });
});
