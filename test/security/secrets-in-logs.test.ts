/**
 * No secret reaches a log line: keys sent in the query string (`?key=`, `?api_key=`), in headers, in
 * the path, wrong keys, and the provider keys the gateway holds — at debug level, on the real binary.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FakeUpstream } from '../fakes/fake-upstream.js';
import { openaiWire } from '../fakes/openai-wire.js';
import { ensureBuilt, ProcessGroup, type GatewayProcess } from '../scale-out/gateway-processes.js';
import { rawRequest } from './raw-http.js';

const MASTER = 'sy-master-logtest-0123456789abcdef';
const PROVIDER_KEY = 'sk-provider-secret-abcdefghijklmnop';
const SECRETS = {
  queryKey: 'AIzaQueryKeySecret0123456789',
  queryApiKey: 'query-api-key-secret-77',
  queryToken: 'opaque-token-secret-31',
  pathKey: 'sk-pathsecret-abcdefghijkl',
  wrongBearer: 'sy-wrong-key-0123456789abcdef',
  wrongHeader: 'sy-wrong-header-key-abcdef0123',
};

let upstream: FakeUpstream;
let group: ProcessGroup;
let gateway: GatewayProcess;

before(async () => {
  ensureBuilt();
  upstream = await FakeUpstream.start({ 'openai-compatible': openaiWire });
  group = new ProcessGroup({
    SWITCHYARD_MASTER_KEY: MASTER,
    SWITCHYARD_DATABASE_URL: 'sqlite::memory:',
    SWITCHYARD_LOG_LEVEL: 'debug',
    OPENAI_API_KEY: PROVIDER_KEY,
    OPENAI_BASE_URL: `${upstream.url}/v1`,
  });
  gateway = await group.serve('logs');
});
after(async () => {
  await gateway.stop().catch(() => undefined);
  group.killAll();
  await upstream.close();
});

test('credentials in URLs, headers and wrong keys are never logged', async () => {
  const chat = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
  const json = { 'content-type': 'application/json' };
  const calls: Array<[string, string, Record<string, string>, string?]> = [
    ['POST', `/v1/chat/completions?key=${SECRETS.queryKey}`, { ...json, authorization: `Bearer ${MASTER}` }, chat],
    ['GET', `/v1/models?api_key=${SECRETS.queryApiKey}`, { authorization: `Bearer ${MASTER}` }],
    ['GET', `/v1/models?x=1&access_token=${SECRETS.queryToken}`, {}],
    ['GET', `/admin/keys?key=${SECRETS.queryKey}`, { authorization: `Bearer ${SECRETS.wrongBearer}` }],
    ['GET', `/v1/${SECRETS.pathKey}/models`, {}],
    ['GET', `/nowhere?api_key=${SECRETS.queryApiKey}`, {}],
    ['POST', '/v1/chat/completions', { ...json, 'x-api-key': SECRETS.wrongHeader }, chat],
    ['POST', `/v1/chat/completions?key=${SECRETS.queryKey}`, { ...json, authorization: `Bearer ${MASTER}` }, '{"broken'],
  ];
  for (const [method, path, headers, body] of calls) {
    const response = await rawRequest(gateway.url, method, path, { headers, ...(body === undefined ? {} : { body }) });
    assert.ok(response.status > 0, `${method} ${path} answered`);
  }
  // The upstream refusing the provider key and echoing it back.
  upstream.enqueue({ kind: 'error', status: 401, message: `Incorrect API key provided: ${PROVIDER_KEY}` });
  const refused = await rawRequest(gateway.url, 'POST', '/v1/chat/completions', { headers: { ...json, authorization: `Bearer ${MASTER}` }, body: chat });
  assert.doesNotMatch(refused.text, new RegExp(PROVIDER_KEY), 'the provider key is not echoed to the client');

  await gateway.stop();
  const logs = gateway.output() + gateway.errors();
  assert.match(logs, /"url":"\/v1\/models\?api_key=\[redacted\]"/, 'the request line is logged, redacted');
  for (const [name, secret] of Object.entries({ ...SECRETS, MASTER, PROVIDER_KEY })) {
    assert.equal(logs.includes(secret), false, `${name} appears in the log:\n${logs.split('\n').filter((line) => line.includes(secret)).join('\n')}`);
  }
});
