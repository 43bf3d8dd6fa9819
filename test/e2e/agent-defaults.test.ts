/**
 * Agents send Anthropic-style defaults to every model: Claude Code asks for `max_tokens: 32000` and
 * thinking (`budget_tokens: 31999` → `reasoning_effort: "high"`) whatever the model. Through the
 * Messages door with the official `@anthropic-ai/sdk`, each upstream must receive a body its real
 * provider accepts: gpt-4o's output limit (16,384) and no reasoning_effort (it refuses the field);
 * deepseek-v3.2 (deepseek-chat) in thinking mode, whose limit (64K) the request fits; gemini-2.0-flash
 * at 8,192 with no thinkingConfig; gpt-5 keeps both.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { geminiWire } from '../fakes/gemini-wire.js';
import { admin, startGateway, type TestGateway } from '../helpers/gateway.js';
import { SINGLE_ATTEMPT_ROUTING, writeTempConfig, type TempConfig } from '../helpers/temp-config.js';

const recorded = JSON.parse(readFileSync(new URL('../fixtures/claude-code/claude-code-2.1.197-say-hi.request.json', import.meta.url), 'utf8')) as {
  url: string;
  headers: Record<string, string>;
  body: string;
};

/** What Claude Code sends to any model it does not know. */
const claudeCodeDefaults = (model: string): MessageCreateParamsNonStreaming => ({
  model,
  max_tokens: 32_000,
  thinking: { type: 'enabled', budget_tokens: 31_999 },
  messages: [{ role: 'user', content: 'Say hi' }],
});

describe('Claude Code’s defaults reach each provider as a body it accepts', () => {
  let gateway: TestGateway;
  let config: TempConfig;
  let key: string;
  let client: Anthropic;

  before(async () => {
    config = writeTempConfig(SINGLE_ATTEMPT_ROUTING);
    gateway = await startGateway({ writers: { gemini: geminiWire }, configPath: config.path });
    key = String((await admin(gateway, 'POST', '/admin/keys', { name: 'agent' })).body.key);
    client = new Anthropic({ baseURL: gateway.url, apiKey: key, maxRetries: 0, timeout: 10_000 });
  });
  after(async () => {
    await gateway.close();
    config.remove();
  });
  beforeEach(() => gateway.upstream.reset());

  test('gpt-4o: max_tokens lowered to 16,384 and no reasoning_effort, streamed as Claude Code does', async () => {
    const message = await client.messages.stream(claudeCodeDefaults('gpt-4o')).finalMessage();
    const { path, body } = gateway.upstream.last;
    assert.equal(path, '/v1/chat/completions');
    assert.equal(body.model, 'gpt-4o');
    assert.equal(body.max_tokens, 16_384);
    assert.equal(body.max_completion_tokens, undefined);
    assert.equal('reasoning_effort' in body, false);
    assert.equal(message.content[0]?.type === 'text' ? message.content[0].text : null, 'Hello from the fake upstream!');
  });

  test('gpt-4o: the request Claude Code really sends gets the same treatment', async () => {
    const response = await fetch(`${gateway.url}${recorded.url}`, {
      method: 'POST',
      headers: { ...recorded.headers, 'x-api-key': key },
      body: JSON.stringify({ ...(JSON.parse(recorded.body) as Record<string, unknown>), model: 'gpt-4o' }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    await response.text();
    const { body } = gateway.upstream.last;
    assert.equal(body.max_tokens, 16_384);
    assert.equal('reasoning_effort' in body, false);
  });

  test('deepseek-v3.2: deepseek-chat is asked to think, within its thinking-mode limit', async () => {
    await client.messages.create(claudeCodeDefaults('deepseek-v3.2'));
    const { path, body } = gateway.upstream.last;
    assert.equal(path, '/chat/completions');
    assert.equal(body.model, 'deepseek-chat');
    assert.deepEqual(body.thinking, { type: 'enabled' }, 'deepseek-chat reasons only with thinking enabled');
    assert.equal(body.reasoning_effort, 'high');
    assert.equal(body.max_tokens, 32_000, 'within thinking mode’s 64K');
  });

  test('deepseek-v3.2 without thinking: max_tokens lowered to deepseek-chat’s 8,192', async () => {
    await client.messages.create({ ...claudeCodeDefaults('deepseek-v3.2'), thinking: { type: 'disabled' } });
    const { body } = gateway.upstream.last;
    assert.equal(body.max_tokens, 8_192);
    assert.equal(body.reasoning_effort, undefined);
  });

  test('gemini-2.0-flash: maxOutputTokens 8,192 and no thinkingConfig (it does not think)', async () => {
    await client.messages.create(claudeCodeDefaults('gemini-2.0-flash'));
    const { path, body } = gateway.upstream.last;
    assert.match(path, /models\/gemini-2\.0-flash:generateContent/);
    assert.deepEqual(body.generationConfig, { maxOutputTokens: 8_192 });
  });

  test('gpt-5, a reasoning model: reasoning_effort and the whole limit, as max_completion_tokens', async () => {
    await client.messages.create(claudeCodeDefaults('gpt-5'));
    const { body } = gateway.upstream.last;
    assert.equal(body.reasoning_effort, 'high');
    assert.equal(body.max_completion_tokens, 32_000);
    assert.equal(body.max_tokens, undefined);
  });
});
