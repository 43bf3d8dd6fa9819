import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { ProviderEndpoint } from '../../config/config.js';
import { buildNativeRequest } from './build-native-request.js';
import { messagesDoor } from './messages-door.js';

const endpoint: ProviderEndpoint = { name: 'anthropic', type: 'anthropic', baseUrl: 'https://api.anthropic.com', apiKey: 'sk-ant-provider', apiVersion: null, headers: {} };

const recorded = JSON.parse(readFileSync(new URL('../../../test/fixtures/claude-code/claude-code-2.1.197-say-hi.request.json', import.meta.url), 'utf8')) as {
  url: string;
  headers: Record<string, string>;
  body: string;
};

test("Claude Code's recorded request goes through byte for byte but for the model, to the beta path, with the provider's key", () => {
  const { inbound } = messagesDoor.decode(JSON.parse(recorded.body));
  const native = messagesDoor.native;
  assert.ok(native !== undefined && native.accepts(endpoint));
  const upstream = native.buildRequest(inbound, endpoint, { upstreamModel: 'claude-sonnet-4-5-20250929', stream: true, clientHeaders: recorded.headers, clientQuery: 'beta=true' });
  assert.equal(upstream.url, 'https://api.anthropic.com/v1/messages?beta=true');
  assert.equal(upstream.body, recorded.body.replace('"model":"claude-sonnet-4-5"', '"model":"claude-sonnet-4-5-20250929"'));
  assert.equal(upstream.headers['x-api-key'], 'sk-ant-provider');
  assert.equal(upstream.headers.authorization, undefined);
  assert.equal(upstream.headers['anthropic-version'], '2023-06-01');
  assert.equal(upstream.headers['anthropic-beta'], recorded.headers['anthropic-beta']);
  assert.equal(upstream.headers.accept, 'text/event-stream');
});

test('headers: the version defaults to 2023-06-01, configured beta flags join the client’s, the client’s key never goes up', () => {
  const configured: ProviderEndpoint = { ...endpoint, baseUrl: 'https://proxy.example.com/v1/', headers: { 'Anthropic-Beta': 'files-api-2025-04-14' } };
  const request = buildNativeRequest({ model: 'x', max_tokens: 1, messages: [] }, configured, {
    upstreamModel: 'claude-haiku-4-5',
    stream: false,
    clientHeaders: { 'x-api-key': 'sy-client-key', authorization: 'Bearer sy-client-key', 'anthropic-beta': ['a-1', 'files-api-2025-04-14'] },
  }, '/v1/messages/count_tokens');
  assert.equal(request.url, 'https://proxy.example.com/v1/messages/count_tokens');
  assert.deepEqual(request.headers, {
    'anthropic-version': '2023-06-01',
    'anthropic-beta': 'files-api-2025-04-14,a-1',
    'content-type': 'application/json',
    accept: 'application/json',
    'x-api-key': 'sk-ant-provider',
  });
  assert.equal(request.body, '{"model":"claude-haiku-4-5","max_tokens":1,"messages":[]}');
});

test('only Anthropic deployments speak the door natively', () => {
  const native = messagesDoor.native;
  assert.ok(native);
  assert.equal(native.accepts({ ...endpoint, type: 'openai' }), false);
  assert.equal(native.accepts({ ...endpoint, type: 'gemini' }), false);
  assert.equal(native.accepts({ ...endpoint, name: 'claude-eu', type: 'anthropic' }), true);
});
