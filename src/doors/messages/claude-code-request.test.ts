/** The request Claude Code 2.1.197 really sends (test/fixtures/claude-code): it decodes, and translates for OpenAI, Gemini and DeepSeek. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { ProviderEndpoint } from '../../config/config.js';
import { parseChatRequest } from '../../core/parse-chat-request.js';
import { geminiAdapter } from '../../providers/gemini/index.js';
import { openAICompatibleAdapter } from '../../providers/openai-compatible/index.js';
import { testContext } from '../../providers/test-context.js';
import { messagesDoor } from './messages-door.js';

const recorded = JSON.parse(readFileSync(new URL('../../../test/fixtures/claude-code/claude-code-2.1.197-say-hi.request.json', import.meta.url), 'utf8')) as { body: string };
const endpoint = (type: string): ProviderEndpoint => ({ name: type, type, baseUrl: 'https://upstream.example.com', apiKey: 'k', apiVersion: null, headers: {} });

test('it decodes into a canonical request that passes the canonical schema, with nothing to refuse', () => {
  const { request, inbound } = messagesDoor.decode(JSON.parse(recorded.body));
  assert.doesNotThrow(() => messagesDoor.assertTranslatable?.(inbound));
  const reparsed = parseChatRequest(JSON.parse(JSON.stringify(request)));
  assert.ok(reparsed.ok, reparsed.ok ? '' : reparsed.error.message);
  assert.equal(request.reasoning_effort, 'high', 'budget 31999 of 32000');
  assert.equal(request.max_tokens, 32000);
  assert.equal(request.tools?.length, 25);
  assert.equal(request.messages[0]?.role, 'system');
  assert.equal(request.messages.at(-1)?.role, 'user');
  assert.deepEqual(request.stream_options, { include_usage: true });
  assert.ok(!JSON.stringify(request).includes('cache_control'), 'cache_control is not sent to other providers');
  assert.ok(!JSON.stringify(request).includes('context_management'));
});

test('it translates for gpt-4o, deepseek-v3.2 and gemini-2.5-pro without error', () => {
  const { request } = messagesDoor.decode(JSON.parse(recorded.body));
  const stream = { stream: true, includeUsage: true };
  const openai = JSON.parse(openAICompatibleAdapter.buildRequest(request, endpoint('openai'), testContext({ upstreamModel: 'gpt-4o', providerType: 'openai', ...stream })).body) as Record<string, unknown>;
  assert.equal(openai.model, 'gpt-4o');
  const deepseek = JSON.parse(openAICompatibleAdapter.buildRequest(request, endpoint('deepseek'), testContext({ upstreamModel: 'deepseek-chat', providerType: 'deepseek', ...stream })).body) as Record<string, unknown>;
  assert.equal(deepseek.model, 'deepseek-chat');
  const gemini = JSON.parse(geminiAdapter.buildRequest(request, endpoint('gemini'), testContext({ upstreamModel: 'gemini-2.5-pro', providerType: 'gemini', ...stream })).body) as { tools?: Array<{ functionDeclarations?: unknown[] }> };
  assert.equal(gemini.tools?.[0]?.functionDeclarations?.length, 25);
});
