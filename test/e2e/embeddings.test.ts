/**
 * POST /v1/embeddings end to end with the official `openai` SDK (which asks for base64 unless told
 * otherwise and decodes it itself): OpenAI passthrough, Gemini batchEmbedContents, a vendor (Mistral);
 * both encodings; keys, model access, budgets, retries, cooldowns; usage and cost in the admin API.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import OpenAI from 'openai';
import type { ReceivedRequest } from '../fakes/fake-upstream.js';
import { embeddingsResponder, fakeVector, isGeminiBatchEmbed, isOpenAIEmbeddings, TOKENS_PER_INPUT } from '../fakes/embeddings-wire.js';
import { geminiWire } from '../fakes/gemini-wire.js';
import { admin, eventually, startGateway, type TestGateway } from '../helpers/gateway.js';

const CONFIG = `
providers:
  primary:   { type: openai-compatible, base_url: "\${UPSTREAM}/primary/v1", api_key: k1 }
  secondary: { type: openai-compatible, base_url: "\${UPSTREAM}/secondary/v1", api_key: k2 }
models:
  - name: embed-duo
    targets:
      - { provider: primary, model: embed-a }
      - { provider: secondary, model: embed-b }
    price: { input_per_mtok: 1, output_per_mtok: 0 }
  - name: embed-solo
    targets: [{ provider: primary, model: embed-a }]
    fallbacks: [embed-backup]
  - name: embed-backup
    targets: [{ provider: secondary, model: embed-b }]
routing: { retries: 2, cooldown_s: 1 }
`;

/** What the SDK hands back after decoding base64: the float32 values. */
const asFloat32 = (values: readonly number[]) => Array.from(Float32Array.from(values));

describe('POST /v1/embeddings', () => {
  let gateway: TestGateway;
  const embeddingCalls = () => gateway.upstream.requests.filter((request) => isOpenAIEmbeddings(request) || isGeminiBatchEmbed(request));
  const clientFor = (key: string) => new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  const createKey = async (body: Record<string, unknown>) => {
    const created = await admin(gateway, 'POST', '/admin/keys', body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { id: string; key: string };
  };
  const post = (body: unknown, key?: string) =>
    fetch(`${gateway.url}/v1/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key ?? 'sy-test-master-key-0123456789'}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string | null; param: string | null; message: string; type: string } }).error;
  const lastRecord = (keyId: string) =>
    eventually(async () => {
      const page = await admin(gateway, 'GET', `/admin/requests?key_id=${keyId}&limit=1`);
      const record = page.body.data?.[0];
      assert.ok(record, 'a usage record');
      return record;
    });

  before(async () => {
    gateway = await startGateway({ yaml: CONFIG, storeUsage: true, writers: { gemini: geminiWire } });
  });
  after(async () => {
    await gateway.close();
  });
  beforeEach(async () => {
    gateway.upstream.reset();
    gateway.upstream.decide = embeddingsResponder();
    await new Promise((resolve) => setTimeout(resolve, 1100)); // let cooldowns from the last test expire
  });

  test('OpenAI: the SDK default (base64, decoded by the SDK) and explicit floats; the body passes through', async () => {
    const inputs = ['The quick brown fox', 'jumped over the lazy dog'];
    const { data, response } = await gateway.client.embeddings.create({ model: 'text-embedding-3-small', input: inputs }).withResponse();
    const sent = gateway.upstream.last;
    assert.equal(sent.path, '/v1/embeddings');
    assert.deepEqual(sent.body, { model: 'text-embedding-3-small', input: inputs, encoding_format: 'base64' }, 'base64 asked of OpenAI, passed through');
    assert.equal(sent.headers.authorization, 'Bearer sk-upstream-openai-secret');
    assert.deepEqual(
      data.data.map((item) => item.embedding),
      inputs.map((input) => asFloat32(fakeVector(input))),
    );
    assert.deepEqual(data.data.map((item) => [item.object, item.index]), [['embedding', 0], ['embedding', 1]]);
    assert.equal(data.object, 'list');
    assert.equal(data.model, 'text-embedding-3-small');
    assert.deepEqual(data.usage, { prompt_tokens: 2 * TOKENS_PER_INPUT, total_tokens: 2 * TOKENS_PER_INPUT });
    assert.equal(response.headers.get('x-switchyard-provider'), 'openai');
    assert.equal(response.headers.get('x-switchyard-model'), 'text-embedding-3-small');
    assert.equal(response.headers.get('x-switchyard-cost-usd'), '0.0000002', '10 tokens at $0.02 per million');

    const floats = await gateway.client.embeddings.create({ model: 'text-embedding-3-small', input: 'one', encoding_format: 'float', dimensions: 3, user: 'u-1' });
    assert.deepEqual(gateway.upstream.last.body, { model: 'text-embedding-3-small', input: 'one', dimensions: 3, user: 'u-1' });
    assert.deepEqual(floats.data[0]?.embedding, fakeVector('one', 3), 'floats exactly as the upstream sent them');

    const tokens = await gateway.client.embeddings.create({ model: 'text-embedding-3-large', input: [[1, 2, 3], [4]], encoding_format: 'float' });
    assert.deepEqual(gateway.upstream.last.body.input, [[1, 2, 3], [4]], 'token arrays go to OpenAI as sent');
    assert.equal(tokens.data.length, 2);
  });

  test('the exact path (the calls\' own edge) and another spelling (Fastify\'s route) answer alike', async () => {
    const body = { model: 'embed-solo', input: ['same'], encoding_format: 'float' }; // one deployment: both calls go to the same place
    const init = { method: 'POST', headers: { authorization: 'Bearer sy-test-master-key-0123456789', 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const edge = await fetch(`${gateway.url}/v1/embeddings`, init);
    const routed = await fetch(`${gateway.url}/v1/%65mbeddings`, init); // the router decodes it; the edge matches exact paths only
    assert.equal(edge.status, 200);
    assert.equal(routed.status, 200);
    assert.deepEqual(await edge.json(), await routed.json());
    for (const name of ['x-request-id', 'x-switchyard-provider', 'x-switchyard-model', 'content-type']) {
      assert.ok(edge.headers.has(name) && routed.headers.has(name), name);
    }
    for (const name of ['x-switchyard-provider', 'x-switchyard-model', 'x-switchyard-cost-usd']) assert.equal(edge.headers.get(name), routed.headers.get(name), name);
    assert.equal(edge.headers.get('content-type'), routed.headers.get('content-type'));
    const refused = await fetch(`${gateway.url}/v1/embeddings`, { ...init, body: JSON.stringify({ model: 'embed-solo' }) });
    assert.equal(refused.status, 400);
    assert.equal((await errorOf(refused)).param, 'input', 'an OpenAI envelope naming the missing field');
  });

  test('base64 asked for explicitly is the float32 bytes, byte for byte', async () => {
    const response = await post({ model: 'gemini-embedding-001', input: 'bytes', encoding_format: 'base64' });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { data: Array<{ embedding: string }> };
    const expected = Float32Array.from(fakeVector('bytes'));
    assert.equal(body.data[0]?.embedding, Buffer.from(expected.buffer).toString('base64'));
  });

  test('Gemini: batchEmbedContents with x-goog-api-key, converted back; long inputs in batches of 100, in order', async () => {
    const { data, response } = await gateway.client.embeddings.create({ model: 'gemini-embedding-001', input: ['alpha', 'beta'], dimensions: 3 }).withResponse();
    const sent = gateway.upstream.last;
    assert.equal(sent.path, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
    assert.equal(sent.headers['x-goog-api-key'], 'gemini-upstream');
    assert.deepEqual(sent.body, {
      requests: [
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'alpha' }] }, outputDimensionality: 3 },
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'beta' }] }, outputDimensionality: 3 },
      ],
    });
    assert.deepEqual(data.data[1]?.embedding, asFloat32(fakeVector('beta', 3)));
    assert.equal(data.model, 'gemini-embedding-001');
    assert.deepEqual(data.usage, { prompt_tokens: 3, total_tokens: 3 }, 'estimated at ~4 characters a token: alpha 2, beta 1');
    assert.equal(response.headers.get('x-switchyard-usage-estimated'), 'true');
    assert.equal(response.headers.get('x-switchyard-provider'), 'gemini');

    const inputs = Array.from({ length: 230 }, (_, index) => `document number ${index}`);
    gateway.upstream.requests.length = 0;
    const many = await gateway.client.embeddings.create({ model: 'gemini-embedding-001', input: inputs, encoding_format: 'float' });
    assert.equal(embeddingCalls().length, 3);
    assert.deepEqual(
      many.data.map((item) => item.embedding),
      inputs.map((input) => fakeVector(input)),
    );
    assert.deepEqual(many.data.map((item) => item.index), inputs.map((_, index) => index));

    const free = await gateway.client.embeddings.create({ model: 'text-embedding-004', input: 'free' }).withResponse();
    assert.equal(free.response.headers.get('x-switchyard-cost-usd'), '0');
  });

  test('a vendor (Mistral): OpenAI body with the model rewritten, floats asked for, dimensions renamed', async () => {
    const answer = await gateway.client.embeddings.create({ model: 'mistral-embed', input: ['bonjour'] });
    const sent = gateway.upstream.last;
    assert.equal(sent.path, '/mistral/v1/embeddings');
    assert.equal(sent.headers.authorization, 'Bearer mistral-upstream');
    assert.deepEqual(sent.body, { model: 'mistral-embed', input: ['bonjour'] }, 'no encoding_format: the gateway encodes base64 itself');
    assert.deepEqual(answer.data[0]?.embedding, asFloat32(fakeVector('bonjour')));

    await gateway.client.embeddings.create({ model: 'mistral/codestral-embed', input: 'x', dimensions: 2, encoding_format: 'float' });
    assert.equal(gateway.upstream.last.body.output_dimension, 2);

    const tokens = await post({ model: 'mistral-embed', input: [1, 2, 3] });
    assert.equal(tokens.status, 400);
    const refusal = await errorOf(tokens);
    assert.deepEqual([refusal.code, refusal.param], ['unsupported_parameter', 'input']);
  });

  test('a provider that ignores dimensions is caught, not passed on', async () => {
    gateway.upstream.decide = (request) =>
      isOpenAIEmbeddings(request) ? { kind: 'raw', body: JSON.stringify({ data: [{ index: 0, embedding: [0.1, 0.2, 0.3, 0.4] }], usage: { prompt_tokens: 3 } }) } : undefined;
    const response = await post({ model: 'mistral-embed', input: 'x', dimensions: 2 });
    assert.equal(response.status, 400);
    const error = await errorOf(response);
    assert.deepEqual([error.code, error.param], ['unsupported_parameter', 'dimensions']);
  });

  test('usage, cost and door in the request log and the usage report of the key', async () => {
    const created = await createKey({ name: 'embedder' });
    await clientFor(created.key).embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b', 'c'] });
    const record = await lastRecord(created.id);
    assert.deepEqual(
      [record.door, record.model, record.provider, record.upstream_model, record.prompt_tokens, record.completion_tokens, record.status, record.stream],
      ['embeddings', 'text-embedding-3-small', 'openai', 'text-embedding-3-small', 15, 0, 200, false],
    );
    assert.ok(Math.abs(Number(record.cost_usd) - 3e-7) < 1e-12, String(record.cost_usd));
    const doors = await admin(gateway, 'GET', `/admin/requests?door=embeddings&key_id=${created.id}`);
    assert.equal(doors.body.data?.length, 1);

    const report = await eventually(async () => {
      const usage = await admin(gateway, 'GET', `/admin/usage?group_by=model&key_id=${created.id}`);
      assert.equal(usage.body.data?.[0]?.requests, 1);
      return usage.body.data?.[0];
    });
    assert.deepEqual([report?.group, report?.prompt_tokens, report?.completion_tokens], ['text-embedding-3-small', 15, 0]);
    assert.ok(Math.abs(Number(report?.cost_usd) - 3e-7) < 1e-12, String(report?.cost_usd));
    const key = await admin(gateway, 'GET', `/admin/keys/${created.id}`);
    assert.ok(Number(key.body.spend_usd) > 0, 'spend counted on the key');
  });

  test('a key without access to the model gets 403; with access it works', async () => {
    const created = await createKey({ name: 'chat-only', models: ['gpt-4o', 'gemini/*'] });
    const refused = await post({ model: 'text-embedding-3-small', input: 'x' }, created.key);
    assert.equal(refused.status, 403);
    assert.equal((await errorOf(refused)).code, 'model_not_allowed');
    assert.equal(embeddingCalls().length, 0);
    const allowed = await clientFor(created.key).embeddings.create({ model: 'gemini-embedding-001', input: 'x' });
    assert.equal(allowed.data.length, 1);
  });

  test('budgets: spent budgets refuse with 429 budget_exceeded before any upstream call', async () => {
    // $0.02 per million tokens; the fake reports 5 tokens an input: $0.0000001 a call.
    const created = await createKey({ name: 'thrifty-embedder', budget_usd: 0.0000003, budget_period: 'day' });
    let answered = 0;
    let refusal: Response | undefined;
    for (let attempt = 0; attempt < 10 && refusal === undefined; attempt++) {
      const response = await post({ model: 'text-embedding-3-small', input: 'x'.repeat(20) }, created.key);
      if (response.status !== 200) {
        refusal = response;
        break;
      }
      answered++;
      await response.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 20)); // settle() runs just after the answer
    }
    assert.ok(refusal, 'the budget ran out');
    assert.ok(answered >= 1 && answered <= 3, `${answered} calls answered`);
    assert.equal(refusal.status, 429);
    assert.equal(refusal.headers.get('x-should-retry'), 'false');
    assert.equal((await errorOf(refusal)).code, 'budget_exceeded');
    assert.equal(embeddingCalls().length, answered, 'the refused call never reached the upstream');

    const big = await createKey({ name: 'tiny-budget', budget_usd: 0.000001 });
    const tooBig = await post({ model: 'text-embedding-3-small', input: Array.from({ length: 100 }, () => 'y'.repeat(400)) }, big.key);
    assert.equal(tooBig.status, 429, 'a request whose own estimate exceeds the budget');
  });

  test('RPM limits apply as to chat', async () => {
    const created = await createKey({ name: 'rpm-embedder', rpm: 1 });
    assert.equal((await post({ model: 'text-embedding-3-small', input: 'x' }, created.key)).status, 200);
    const limited = await post({ model: 'text-embedding-3-small', input: 'x' }, created.key);
    assert.equal(limited.status, 429);
    assert.equal((await errorOf(limited)).code, 'rate_limit_exceeded');
  });

  test('an upstream 503 is retried and the answer says so; the retry is recorded', async () => {
    gateway.upstream.decide = embeddingsResponder({ failures: [{ kind: 'error', status: 503, message: 'overloaded' }] });
    const created = await createKey({ name: 'retrier' });
    const { data, response } = await clientFor(created.key).embeddings.create({ model: 'embed-solo', input: 'again' }).withResponse();
    assert.deepEqual(data.data[0]?.embedding, asFloat32(fakeVector('again')));
    assert.equal(embeddingCalls().length, 2);
    assert.equal(response.headers.get('x-switchyard-retries'), '1');
    const record = await lastRecord(created.id);
    assert.deepEqual([record.retries, record.status, record.door], [1, 200, 'embeddings']);
  });

  test('a failing deployment falls back, then cools down: traffic moves to the healthy one', async () => {
    const on = (prefix: string, request: ReceivedRequest) => request.path.startsWith(`/${prefix}/`);
    const healthy = embeddingsResponder();
    gateway.upstream.decide = (request) => (on('primary', request) ? { kind: 'error', status: 500, message: 'down' } : healthy(request));
    const fellBack = await gateway.client.embeddings.create({ model: 'embed-solo', input: 'x' }).withResponse();
    assert.equal(fellBack.response.headers.get('x-switchyard-provider'), 'secondary');
    assert.equal(fellBack.response.headers.get('x-switchyard-fallbacks'), '1');
    assert.equal(fellBack.data.model, 'embed-b');

    await new Promise((resolve) => setTimeout(resolve, 1100));
    gateway.upstream.requests.length = 0;
    for (let index = 0; index < 8; index++) await gateway.client.embeddings.create({ model: 'embed-duo', input: `call ${index}` });
    const primaryCalls = gateway.upstream.requests.filter((request) => on('primary', request)).length;
    assert.ok(primaryCalls <= 4, `the cooling deployment got ${primaryCalls} calls`);
  });

  test('upstream refusals (4xx) keep their status and are not retried', async () => {
    gateway.upstream.decide = (request) =>
      isOpenAIEmbeddings(request) ? { kind: 'error', status: 400, message: 'This model does not support embeddings.' } : undefined;
    const response = await post({ model: 'gpt-4o', input: 'x' });
    assert.equal(response.status, 400);
    assert.match((await errorOf(response)).message, /does not support embeddings/);
    assert.equal(embeddingCalls().length, 1);
  });

  test('unknown model 404; Anthropic (no embeddings API) 400; bad bodies 400 with param', async () => {
    const unknown = await post({ model: 'no-such-embedder', input: 'x' });
    assert.equal(unknown.status, 404);
    assert.equal((await errorOf(unknown)).code, 'model_not_found');

    await assert.rejects(
      gateway.client.embeddings.create({ model: 'claude-4-5-sonnet', input: 'x' }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.code === 'unsupported_parameter' && error.param === 'model',
    );
    for (const [body, param] of [
      [{ model: 'text-embedding-3-small', input: '' }, 'input'],
      [{ model: 'text-embedding-3-small', input: [] }, 'input'],
      [{ model: 'text-embedding-3-small', input: ['ok', ''] }, 'input[1]'],
      [{ model: 'text-embedding-3-small', input: Array.from({ length: 2049 }, () => 'x') }, 'input'],
      [{ input: 'x' }, 'model'],
      [{ model: 'text-embedding-3-small', input: 'x', encoding_format: 'int8' }, 'encoding_format'],
    ] as const) {
      const response = await post(body);
      assert.equal(response.status, 400, JSON.stringify(body).slice(0, 60));
      assert.equal((await errorOf(response)).param, param);
    }
    assert.equal(embeddingCalls().length, 0, 'nothing reached an upstream');
    const unauthenticated = await fetch(`${gateway.url}/v1/embeddings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(unauthenticated.status, 401);
  });
});
