/**
 * Routing you can trust: retries with backoff that honours Retry-After, fallbacks, cooldowns and
 * timeouts, all through the official SDK against fault-injecting fake upstreams; /metrics shows it.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import OpenAI from 'openai';
import type { Behaviour, ReceivedRequest } from '../fakes/fake-upstream.js';
import { eventually, MASTER_KEY, startGateway, type TestGateway } from '../helpers/gateway.js';

const CONFIG = `
providers:
  primary:   { type: openai-compatible, base_url: "\${UPSTREAM}/primary/v1", api_key: k1 }
  secondary: { type: openai-compatible, base_url: "\${UPSTREAM}/secondary/v1", api_key: k2 }
models:
  - name: duo
    targets:
      - { provider: primary, model: model-a }
      - { provider: secondary, model: model-b }
  - name: solo
    targets: [{ provider: primary, model: model-a }]
    fallbacks: [backup]
  - name: backup
    targets: [{ provider: secondary, model: model-b }]
  - name: quick
    targets: [{ provider: primary, model: model-a }]
    first_byte_timeout_ms: 300
    idle_timeout_ms: 300
routing: { retries: 2, cooldown_s: 1 }
`;

const chunk = (content: string) =>
  `data: {"id":"s1","object":"chat.completion.chunk","created":1,"model":"model-a","choices":[{"index":0,"delta":{"content":"${content}"},"finish_reason":null}]}\n\n`;

describe('routing: retries, fallbacks, cooldowns, timeouts', () => {
  let gateway: TestGateway;
  const on = (path: string, request: ReceivedRequest) => request.path.startsWith(`/${path}/`);
  const ask = (model: string, extra: Record<string, unknown> = {}) =>
    gateway.client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }], ...extra }).withResponse();

  before(async () => {
    gateway = await startGateway({ yaml: CONFIG });
  });
  after(async () => {
    await gateway.close();
  });
  beforeEach(async () => {
    gateway.upstream.reset();
    gateway.recorder.records.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 1100)); // let cooldowns from the last test expire
  });

  test('a 503 burst is retried until it passes; the answer says so', async () => {
    gateway.upstream.enqueue({ kind: 'error', status: 503, message: 'overloaded' }, { kind: 'error', status: 502, message: 'bad gateway' });
    const { data, response } = await ask('solo');
    assert.equal(data.choices[0]?.message.content, 'Hello from the fake upstream!');
    assert.equal(gateway.upstream.requests.length, 3);
    assert.equal(response.headers.get('x-switchyard-retries'), '2');
    assert.equal(gateway.recorder.records.at(-1)?.retries, 2);
  });

  test('429 with Retry-After is waited for, then retried', async () => {
    gateway.upstream.enqueue({ kind: 'error', status: 429, message: 'slow down', headers: { 'retry-after': '1' } });
    const started = Date.now();
    const { data } = await ask('quick');
    assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
    assert.equal(data.object, 'chat.completion');
  });

  test('connection resets and hangs before headers are retried; a last timeout is 504 upstream_timeout', async () => {
    gateway.upstream.enqueue({ kind: 'reset' }, { kind: 'hang' });
    const { data } = await ask('quick');
    assert.equal(data.object, 'chat.completion');
    assert.equal(gateway.upstream.requests.length, 3);
    assert.ok(gateway.upstream.requests[1]?.aborted, 'the hung attempt was abandoned');

    gateway.upstream.setDefault({ kind: 'hang' });
    await assert.rejects(ask('quick'), (error: unknown) => error instanceof OpenAI.APIError && error.status === 504 && error.code === 'upstream_timeout');
  });

  test('a stream that stalls mid-way ends with an error event, not a hung client', async () => {
    gateway.upstream.enqueue({ kind: 'sse', events: [chunk('Hel'), chunk('lo'), chunk('never')], stallAfter: 2 });
    const started = Date.now();
    const stream = await gateway.client.chat.completions.create({ model: 'quick', messages: [{ role: 'user', content: 'x' }], stream: true });
    let text = '';
    await assert.rejects(async () => {
      for await (const part of stream) text += part.choices[0]?.delta.content ?? '';
    }, /stopped sending data/);
    assert.equal(text, 'Hello');
    assert.ok(Date.now() - started < 5000);
    const record = await eventually(() => {
      const last = gateway.recorder.records.at(-1);
      assert.ok(last, 'a usage record');
      return last;
    });
    assert.equal(record.errorCode, 'upstream_timeout');
    assert.ok(record.completionTokens > 0, 'partial usage estimated from what was streamed');
  });

  test('after retries, the model falls back along its fallbacks; the answer names the deployment that served it', async () => {
    gateway.upstream.decide = (request) => (on('primary', request) ? { kind: 'error', status: 500, message: 'down' } : undefined);
    const { data, response } = await ask('solo');
    assert.equal(data.model, 'model-b');
    assert.equal(response.headers.get('x-switchyard-provider'), 'secondary');
    assert.equal(response.headers.get('x-switchyard-fallbacks'), '1');
    const record = gateway.recorder.records.at(-1);
    assert.equal(record?.fallbacks, 1);
    assert.equal(record?.model, 'solo', 'usage is recorded under the model asked for');
    assert.equal(record?.provider, 'secondary');
  });

  test("a request's own `models` list is tried in order after its model", async () => {
    gateway.upstream.decide = (request) => (on('primary', request) ? { kind: 'error', status: 503, message: 'down' } : undefined);
    const { data } = await ask('quick', { models: ['backup'] });
    assert.equal(data.model, 'model-b');
  });

  test('a failing deployment cools down: traffic moves to the healthy one, then it is tried again', async () => {
    gateway.upstream.decide = (request) => (on('primary', request) ? { kind: 'error', status: 500, message: 'down' } : undefined);
    for (let index = 0; index < 8; index++) await ask('duo');
    const primaryCalls = gateway.upstream.requests.filter((request) => on('primary', request)).length;
    assert.ok(primaryCalls <= 4, `the cooling deployment got ${primaryCalls} calls`);
    gateway.upstream.decide = null;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    gateway.upstream.requests.length = 0;
    for (let index = 0; index < 10; index++) await ask('duo');
    assert.ok(gateway.upstream.requests.some((request) => on('primary', request)), 'back in rotation after cooldown_s');
  });

  test('one deployment failing half its calls: the client sees every call succeed', async () => {
    let count = 0;
    gateway.upstream.decide = (request) => (on('primary', request) && count++ % 2 === 0 ? ({ kind: 'error', status: 503, message: 'flaky' } as Behaviour) : undefined);
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => ask('duo')));
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 40);
  });

  test('client errors are not retried', async () => {
    gateway.upstream.enqueue({ kind: 'error', status: 400, message: 'bad request' });
    await assert.rejects(ask('duo'), OpenAI.BadRequestError);
    assert.equal(gateway.upstream.requests.length, 1);
  });

  test('/metrics shows requests, retries, fallbacks, cooldowns and latency', async () => {
    gateway.upstream.enqueue({ kind: 'error', status: 503, message: 'x' });
    await ask('solo');
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    assert.match(text, /switchyard_requests_total\{model="solo",provider="primary",status="200"\} \d+/);
    assert.match(text, /switchyard_retries_total\{provider="primary"\} \d+/);
    assert.match(text, /switchyard_fallbacks_total\{model="solo",fallback="backup"\} \d+/);
    assert.match(text, /switchyard_cooldowns_total\{deployment="primary\/model-a"\} \d+/);
    assert.match(text, /switchyard_request_duration_seconds_bucket/);
    assert.match(text, /switchyard_open_streams 0/);
    assert.ok(!text.includes(MASTER_KEY) && !text.includes('k1'), 'no secrets in metrics');
  });
});
