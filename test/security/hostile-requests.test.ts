/**
 * Valid-but-odd requests a hostile (or merely unusual) client sends: each gets a clear 4xx or is
 * served, none is blamed on the upstream, none takes a shared deployment out of rotation, and none
 * steers the upstream URL or breaks the response headers.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { anthropicWire } from '../fakes/anthropic-wire.js';
import { geminiWire } from '../fakes/gemini-wire.js';
import { MASTER_KEY, startGateway, type TestGateway } from '../helpers/gateway.js';
import { bearer, rawRequest } from './raw-http.js';

const MODELS = ['gpt-4o', 'claude-4-5-sonnet', 'gemini-2.5-pro'];

/** A tool schema nested `levels` deep, written as text (JSON.stringify itself would overflow). */
const deepSchema = (levels: number) => '{"type":"object","properties":{"a":'.repeat(levels) + '{"type":"string"}' + '}}'.repeat(levels);

const hostile: Record<string, (model: string) => string> = {
  'a tool schema nested 5,000 deep': (model) =>
    `{"model":"${model}","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":${deepSchema(5000)}}}]}`,
  'a recursive $ref schema': (model) =>
    JSON.stringify({
      model,
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ type: 'function', function: { name: 'f', parameters: { $defs: { node: { type: 'object', properties: { next: { $ref: '#/$defs/node' }, self: { $ref: '#' } } } }, $ref: '#/$defs/node' } } }],
    }),
  '2,000 messages': (model) => JSON.stringify({ model, messages: Array.from({ length: 2000 }, (_, index) => ({ role: index % 2 === 0 ? 'user' : 'assistant', content: `turn ${index}` })) }),
  'an escaped NUL in content': (model) => JSON.stringify({ model, messages: [{ role: 'user', content: 'a\u0000b\u0000' }] }),
  'an escaped NUL in a tool name': (model) => JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: { name: 'f\u0000', parameters: {} } }] }),
};

describe('hostile requests', () => {
  let gateway: TestGateway;
  const post = (body: string) => rawRequest(gateway.url, 'POST', '/v1/chat/completions', { headers: { ...bearer(MASTER_KEY), 'content-type': 'application/json' }, body });
  const chat = (model: string, extra: Record<string, unknown> = {}) => JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], ...extra });
  const errorOf = (text: string) => (JSON.parse(text) as { error: { code: string | null; param: string | null; message: string } }).error;

  before(async () => {
    // The default routing (2 retries, cooldown after 3 failures): what a production gateway runs.
    gateway = await startGateway({ writers: { anthropic: anthropicWire, gemini: geminiWire } });
  });
  after(async () => {
    await gateway.close();
  });
  beforeEach(() => gateway.upstream.reset());

  for (const [name, make] of Object.entries(hostile)) {
    test(`${name}: a clear answer, never an "upstream" failure, and the deployment stays in rotation`, async () => {
      for (const model of MODELS) {
        for (let round = 0; round < 4; round++) {
          const response = await post(make(model));
          assert.ok(response.status === 200 || response.status === 400, `${model}: ${response.status} ${response.text.slice(0, 300)}`);
          if (response.status === 400) assert.notEqual(errorOf(response.text).code, 'upstream_error');
        }
        const after = await post(chat(model));
        assert.equal(after.status, 200, `${model} still answers ordinary requests: ${after.text.slice(0, 300)}`);
      }
    });
  }

  test('nesting deeper than 64 levels is refused before any work; 64 is fine', async () => {
    const deep = await post(`{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":${deepSchema(40)}}}]}`);
    assert.equal(deep.status, 400);
    assert.match(errorOf(deep.text).message, /nested deeper than 64 levels/);
    const fine = await post(`{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":${deepSchema(25)}}}]}`);
    assert.equal(fine.status, 200, fine.text.slice(0, 300));
    assert.equal(gateway.upstream.requests.length, 1, 'only the acceptable one reached the upstream');
  });

  test('upstream 4xx refusals never cool a deployment down', async () => {
    // A client can provoke each of these (a model id the provider lacks is a 404, say).
    for (const status of [400, 403, 404, 422]) {
      gateway.upstream.setDefault({ kind: 'error', status, message: `refused with ${status}` });
      for (let round = 0; round < 5; round++) assert.equal((await post(chat('openai/no-such-model'))).status, status);
      gateway.upstream.reset();
      const after = await post(chat('openai/no-such-model'));
      assert.equal(after.status, 200, `after five ${status}s: ${after.text.slice(0, 200)}`);
    }
  });

  test('model names with control characters are 400 param model, streamed or not, and never hang', async () => {
    for (const model of ['gpt-4o\r\nx-evil: 1', 'gpt-4o\n', 'gpt\u0000', 'gpt 4o', 'gpt-4o\u2028', 'модель']) {
      for (const stream of [false, true]) {
        const response = await post(chat(model, { stream }));
        assert.equal(response.status, 400, `${JSON.stringify(model)} stream=${stream}: ${response.text.slice(0, 200)}`);
        assert.equal(errorOf(response.text).param, 'model');
        assert.equal(response.headers['x-evil'], undefined);
      }
    }
    const fallback = await post(chat('gpt-4o', { models: ['claude-4-5-sonnet\r\n'] }));
    assert.equal(fallback.status, 400);
    assert.equal(errorOf(fallback.text).param, 'models[0]');
    assert.equal(gateway.upstream.requests.length, 0);
  });

  test('model ids cannot steer the upstream URL out of its one path segment', async () => {
    for (const model of ['gemini/../../openai/v1/chat/completions?', 'gemini/..', 'gemini/x%23', 'gemini/x%3F', 'gemini/a/b', 'gemini/models/../../x', 'gemini/x:streamGenerateContent', 'gemini/x#y']) {
      const response = await post(chat(model));
      assert.equal(response.status, 400, `${model}: ${response.status} ${response.text.slice(0, 200)}`);
      assert.equal(errorOf(response.text).param, 'model');
    }
    assert.equal(gateway.upstream.requests.length, 0, 'nothing reached any upstream');
    const ok = await post(chat('gemini/models/gemini-2.5-pro'));
    assert.equal(ok.status, 200, ok.text.slice(0, 200));
    assert.equal(gateway.upstream.last.path, '/v1beta/models/gemini-2.5-pro:generateContent');
  });

  test('invented model names cannot grow the metrics without bound', async () => {
    for (let index = 0; index < 700; index++) assert.equal((await post(chat(`openai/invented-${index}`))).status, 200);
    const metrics = await rawRequest(gateway.url, 'GET', '/metrics');
    const series = new Set(metrics.text.split('\n').filter((line) => line.startsWith('switchyard_requests_total{')).map((line) => /model="([^"]*)"/.exec(line)?.[1]));
    assert.ok(series.size <= 501, `${series.size} model series`);
    assert.ok(series.has('other'), 'the overflow is counted, not dropped');
  });

  test('requests the gateway must refuse: empty content arrays and bad modalities', async () => {
    for (const [body, param] of [
      [{ model: 'gpt-4o', messages: [{ role: 'user', content: [] }] }, 'messages[0].content'],
      [{ model: 'gpt-4o', messages: [{ role: 'system', content: [] }, { role: 'user', content: 'hi' }] }, 'messages[0].content'],
      [{ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], modalities: 'text' }, 'modalities'],
      [{ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], modalities: ['smell'] }, 'modalities[0]'],
      [{ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], modalities: [] }, 'modalities'],
    ] as const) {
      const response = await post(JSON.stringify(body));
      assert.equal(response.status, 400, `${JSON.stringify(body)}: ${response.text.slice(0, 200)}`);
      assert.equal(errorOf(response.text).param, param);
    }
    assert.equal((await post(chat('gpt-4o', { modalities: ['text'] }))).status, 200);
  });
});
