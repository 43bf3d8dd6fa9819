/** Every bad input and every upstream failure answers in the OpenAI error envelope. */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import OpenAI from 'openai';
import { MASTER_KEY, startGateway, type TestGateway } from '../helpers/gateway.js';
import { rawRequest } from '../security/raw-http.js';

interface Envelope {
  error: { message: string; type: string; param: string | null; code: string | null };
}

function assertEnvelope(body: unknown): Envelope {
  const envelope = body as Envelope;
  assert.equal(typeof envelope.error?.message, 'string');
  assert.equal(typeof envelope.error?.type, 'string');
  assert.ok('param' in envelope.error && 'code' in envelope.error, 'param and code are always present');
  return envelope;
}

describe('errors in the OpenAI envelope', () => {
  let gateway: TestGateway;
  const post = async (body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: response.status, headers: response.headers, body: assertEnvelope(await response.json()) };
  };
  const chat = (extra: Record<string, unknown> = {}) =>
    post(JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...extra }));

  before(async () => {
    // Retries off: each upstream failure here must reach the client as it is (routing has its own tests).
    gateway = await startGateway({ yaml: 'routing: { retries: 0, cooldown_s: 0 }\n' });
  });
  after(async () => {
    await gateway.close();
  });
  beforeEach(() => gateway.upstream.reset());

  test('malformed JSON is 400 invalid_json', async () => {
    const { status, body } = await post('{"model": "gpt-4o", "messages": [');
    assert.equal(status, 400);
    assert.equal(body.error.code, 'invalid_json');
  });

  test('schema violations name the parameter', async () => {
    for (const [extra, param] of [
      [{ temperature: 'hot' }, 'temperature'],
      [{ temperature: 3 }, 'temperature'],
      [{ messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
      [{ messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id'],
      [{ n: 0 }, 'n'],
      [{ stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop'],
      [{ top_logprobs: 3 }, 'top_logprobs'],
      [{ tool_choice: { type: 'function', function: { name: 'missing' } }, tools: [] }, 'tool_choice'],
      [{ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] }, 'messages[0].content[0].image_url.url'],
    ] as const) {
      const { status, body } = await chat(extra);
      assert.equal(status, 400, JSON.stringify(extra));
      assert.equal(body.error.code, 'invalid_request');
      assert.equal(body.error.param, param, JSON.stringify(extra));
    }
    assert.equal(gateway.upstream.requests.length, 0, 'nothing invalid reaches the upstream');
  });

  test('a body that is not an object, or has no messages, is 400', async () => {
    assert.equal((await post('[1,2]')).status, 400);
    assert.equal((await post('"text"')).body.error.code, 'invalid_request');
    assert.equal((await post('{"model":"gpt-4o"}')).body.error.param, 'messages');
  });

  test('a body over the limit is 413 request_too_large', async () => {
    const huge = 'x'.repeat(33 * 1024 * 1024);
    const { status, body } = await chat({ messages: [{ role: 'user', content: huge }] });
    assert.equal(status, 413);
    assert.equal(body.error.code, 'request_too_large');
  });

  test('an unknown model is 404 model_not_found; an unconfigured provider is 503 naming the variable', async () => {
    const unknown = await chat({ model: 'no-such-model' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'model_not_found');
    const unconfigured = await chat({ model: 'together/meta-llama/Llama-3.3-70B-Instruct-Turbo' });
    assert.equal(unconfigured.status, 503);
    assert.equal(unconfigured.body.error.code, 'provider_not_configured');
    assert.match(unconfigured.body.error.message, /TOGETHER_API_KEY/);
  });

  test('missing or wrong keys are 401 invalid_api_key', async () => {
    const missing = await post('{}', { authorization: '' });
    assert.equal(missing.status, 401);
    assert.equal(missing.body.error.code, 'invalid_api_key');
    assert.match(missing.headers.get('x-request-id') ?? '', /^req_[0-9a-f]{32}$/, 'a refused call has its request id too');
    const malformed = await post('{"model":');
    assert.equal(malformed.status, 400);
    assert.match(malformed.headers.get('x-request-id') ?? '', /^req_[0-9a-f]{32}$/);
    const wrong = new OpenAI({ apiKey: 'sy-wrong', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    await assert.rejects(wrong.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }), OpenAI.AuthenticationError);
  });

  test('upstream 4xx keeps its status and message; 429 keeps retry-after', async () => {
    gateway.upstream.enqueue({ kind: 'error', status: 400, message: "Unsupported parameter: 'max_tokens' is not supported with this model." });
    const rejected = await chat();
    assert.equal(rejected.status, 400);
    assert.match(rejected.body.error.message, /max_tokens/);

    gateway.upstream.enqueue({ kind: 'error', status: 429, message: 'Rate limit reached', headers: { 'retry-after': '7' } });
    const limited = await chat();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal(limited.body.error.code, 'rate_limit_exceeded');
  });

  test('provider-shaped error bodies are wrapped (Mistral top-level, xAI string error)', async () => {
    gateway.upstream.enqueue({ kind: 'error', status: 422, body: { object: 'error', message: 'Tool call id was bad', type: 'invalid_request_error', param: null, code: '3280' } });
    const mistral = await post(JSON.stringify({ model: 'mistral-large-latest', messages: [{ role: 'user', content: 'x' }] }));
    assert.equal(mistral.status, 422);
    assert.equal(mistral.body.error.message, 'Tool call id was bad');
    gateway.upstream.enqueue({ kind: 'error', status: 400, body: { code: 'Client specified an invalid argument', error: 'Model grok-9 does not exist' } });
    const xai = await post(JSON.stringify({ model: 'grok-4', messages: [{ role: 'user', content: 'x' }] }));
    assert.equal(xai.status, 400);
    assert.equal(xai.body.error.message, 'Model grok-9 does not exist');
  });

  test('an upstream that rejects the gateway key is 401 without echoing the key', async () => {
    gateway.upstream.enqueue({ kind: 'error', status: 401, message: 'Incorrect API key provided: sk-upstr*******cret.' });
    const { status, body } = await chat();
    assert.equal(status, 401);
    assert.match(body.error.message, /provider rejected the API key configured in the gateway/);
    assert.ok(!body.error.message.includes('sk-upstr'), body.error.message);
  });

  test('an unreachable upstream is 502 upstream_error; a non-JSON answer is 502', async () => {
    gateway.upstream.enqueue({ kind: 'reset' });
    const reset = await chat();
    assert.equal(reset.status, 502);
    assert.equal(reset.body.error.code, 'upstream_error');
    gateway.upstream.enqueue({ kind: 'raw', body: '<html>gateway</html>', contentType: 'text/html' });
    const garbage = await chat();
    assert.equal(garbage.status, 502);
  });

  test('a parameter the provider cannot honour is 400 unsupported_parameter, not dropped', async () => {
    const groq = await post(JSON.stringify({ model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'x' }], logprobs: true }));
    assert.equal(groq.status, 400);
    assert.equal(groq.body.error.code, 'unsupported_parameter');
    assert.equal(groq.body.error.param, 'logprobs');
    const deepseek = await post(JSON.stringify({ model: 'deepseek-v3.2', messages: [{ role: 'user', content: 'x' }], n: 2 }));
    assert.equal(deepseek.body.error.param, 'n');
    const glm = await post(JSON.stringify({ model: 'glm-4.6', messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 'f' } }], tool_choice: 'required' }));
    assert.equal(glm.body.error.param, 'tool_choice');
    assert.equal(gateway.upstream.requests.length, 0);
  });

  test('compressed bodies are refused with 415, not decompressed', async () => {
    const { status, body } = await post('garbage', { 'content-encoding': 'gzip' });
    assert.equal(status, 415);
    assert.equal(body.error.code, 'unsupported_encoding');
  });

  test('oversized headers get a 431 envelope; garbage HTTP gets a 400 envelope', async () => {
    const port = new URL(gateway.url).port;
    const raw = (payload: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(payload));
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
    const big = await raw(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    assert.match(big, /^HTTP\/1.1 431/);
    assert.match(big, /"code":"invalid_http"/);
    const garbage = await raw('NOT HTTP AT ALL\r\n\r\n');
    assert.match(garbage, /^HTTP\/1.1 400/);
    const chunked = await raw(`POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nAuthorization: Bearer ${MASTER_KEY}\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`);
    assert.match(chunked, /^HTTP\/1.1 400/);
  });

  test('unknown routes are 404 in the envelope', async () => {
    const response = await fetch(`${gateway.url}/v1/nothing`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    assert.equal(response.status, 404);
    assertEnvelope(await response.json());
  });

  test('a stream that breaks mid-way ends with one error event the SDK raises', async () => {
    gateway.upstream.enqueue({
      kind: 'sse',
      cutAfter: 3,
      chunkDelayMs: 30,
      events: [
        'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}\n\n',
        'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"Half"},"finish_reason":null}]}\n\n',
        'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":" an answer"},"finish_reason":null}]}\n\n',
        'data: never sent\n\n',
      ],
    });
    const stream = await gateway.client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], stream: true });
    let text = '';
    await assert.rejects(async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    }, OpenAI.APIError);
    assert.equal(text, 'Half an answer');
    const record = gateway.recorder.records.at(-1);
    assert.equal(record?.status, 502);
    assert.equal(record?.errorCode, 'upstream_error');
  });

  test('an upstream error before the first chunk of a stream is a plain HTTP error: an upstream 503 is 502 upstream_error', async () => {
    gateway.upstream.enqueue({ kind: 'error', status: 503, message: 'overloaded' });
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], stream: true }),
    });
    assert.equal(response.status, 502);
    const body = assertEnvelope(await response.json());
    assert.equal(body.error.code, 'upstream_error');
    assert.match(body.error.message, /HTTP 503\): overloaded/);
  });

  test('an upstream 503 that fails every retry is 502 upstream_error, non-streamed too', async () => {
    gateway.upstream.setDefault({ kind: 'error', status: 503, message: 'Service Unavailable', headers: { 'retry-after': '1' } });
    const { status, headers, body } = await chat();
    assert.equal(status, 502);
    assert.equal(body.error.code, 'upstream_error');
    assert.equal(body.error.type, 'server_error');
    assert.equal(headers.get('retry-after'), '1');
  });

  test('a DELETE, GET or PATCH with Content-Type: application/json and an empty body is served', async () => {
    const created = await fetch(`${gateway.url}/admin/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'empty-body client' }),
    });
    const { id } = (await created.json()) as { id: string };
    // Content-Length: 0 with a JSON content type, as many HTTP clients send on every method.
    const empty = (method: string, path: string) =>
      rawRequest(gateway.url, method, path, { headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json', 'content-length': '0' }, body: '' });
    assert.equal((await empty('GET', `/admin/keys/${id}`)).status, 200);
    assert.equal((await empty('PATCH', `/admin/keys/${id}`)).status, 200);
    const revoked = await empty('DELETE', `/admin/keys/${id}`);
    assert.equal(revoked.status, 200, revoked.text);
    assert.notEqual((JSON.parse(revoked.text) as { revoked_at: string | null }).revoked_at, null, 'the key is revoked');
    const chatWithout = await empty('POST', '/v1/chat/completions');
    assert.equal(chatWithout.status, 400);
    assert.equal((JSON.parse(chatWithout.text) as Envelope).error.code, 'invalid_json', 'a chat still needs its body');
  });

  test('an error event inside an upstream stream (OpenRouter style) is passed on as an error event', async () => {
    gateway.upstream.enqueue({
      kind: 'sse',
      chunkDelayMs: 30,
      events: [
        ': OPENROUTER PROCESSING\n\n',
        'data: {"id":"g1","object":"chat.completion.chunk","created":1,"model":"x","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}\n\n',
        'data: {"error":{"message":"Provider disconnected","code":502}}\n\n',
      ],
    });
    const stream = await gateway.client.chat.completions.create({ model: 'openrouter/anthropic/claude-sonnet-4.5', messages: [{ role: 'user', content: 'x' }], stream: true });
    await assert.rejects(async () => {
      for await (const chunk of stream) void chunk;
    }, /Provider disconnected/);
  });

  test("an error event inside OpenAI's own stream (passed through as bytes) reaches the SDK after the text before it, and is recorded", async () => {
    gateway.upstream.enqueue({
      kind: 'sse',
      chunkDelayMs: 20,
      events: [
        'data: {"id":"c9","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Par"},"logprobs":null,"finish_reason":null}],"usage":null}\n\n',
        'data: {"id":"c9","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"tial"},"logprobs":null,"finish_reason":null}],"usage":null}\n\n',
        'data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","code":null}}\n\n',
      ],
    });
    const stream = await gateway.client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], stream: true });
    let text = '';
    await assert.rejects(async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    }, /had an error while processing/);
    assert.equal(text, 'Partial');
    const record = gateway.recorder.records.at(-1);
    assert.equal(record?.status, 500, "the upstream's server_error, as the translated path records it");
    assert.equal(record?.stream, true);
  });

  test('a client that disconnects mid-stream aborts the upstream request', async () => {
    gateway.upstream.enqueue({ kind: 'answer', answer: { text: 'a'.repeat(40), finish: 'stop', usage: { prompt: 1, completion: 40 } }, chunkDelayMs: 200 });
    await new Promise<void>((resolve, reject) => {
      const port = Number(new URL(gateway.url).port);
      const request = httpRequest(
        { host: '127.0.0.1', port, path: '/v1/chat/completions', method: 'POST', headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' } },
        (response) => {
          response.once('data', () => {
            request.destroy();
            resolve();
          });
        },
      );
      request.on('error', () => undefined);
      request.end(JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], stream: true }));
      setTimeout(() => reject(new Error('no data')), 5000);
    });
    for (let waited = 0; waited < 2000 && !gateway.upstream.last.aborted; waited += 20) await new Promise((r) => setTimeout(r, 20));
    assert.equal(gateway.upstream.last.aborted, true, 'the upstream saw the abort');
    for (let waited = 0; waited < 2000 && gateway.recorder.records.length === 0; waited += 20) await new Promise((r) => setTimeout(r, 20));
    assert.equal(gateway.recorder.records.at(-1)?.errorCode, 'client_closed_request');
  });
});
