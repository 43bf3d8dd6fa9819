/** The request Codex CLI 0.171.0 really sends (test/fixtures/codex) decodes and translates without a loss. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { responsesDoor } from './responses-door.js';

const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/codex/codex-0.171.0-exec.request.json', import.meta.url), 'utf8')) as { body: Record<string, unknown> };

test('Codex’s request: developer messages, namespace tools, web_search, reasoning.summary, include, store:false, prompt_cache_key, client_metadata', () => {
  const { request, inbound } = responsesDoor.decode(fixture.body);
  assert.deepEqual(inbound.losses, [], 'nothing Codex sends is refused when translating');
  assert.deepEqual(
    request.messages.map((message) => message.role),
    ['system', 'system', 'user', 'user'],
  );
  const names = (request.tools ?? []).map((tool) => (tool.type === 'function' ? tool.function.name : tool.custom.name));
  assert.deepEqual(names, [
    'exec_command',
    'write_stdin',
    'request_user_input',
    'view_image',
    'multi_agent_v1__close_agent',
    'multi_agent_v1__resume_agent',
    'multi_agent_v1__send_input',
    'multi_agent_v1__spawn_agent',
    'multi_agent_v1__wait_agent',
    'get_goal',
    'create_goal',
    'update_goal',
  ]);
  assert.equal(request.tool_choice, 'auto');
  assert.equal(request.parallel_tool_calls, true);
  assert.deepEqual(request.stream_options, { include_usage: true });
  for (const dropped of ['store', 'include', 'prompt_cache_key', 'client_metadata', 'reasoning', 'input']) assert.equal(dropped in request, false, dropped);
  assert.equal(request.reasoning_effort, undefined, 'reasoning.summary alone asks for no effort');
});

test('natively, Codex’s request goes through unchanged but the model', () => {
  const { inbound } = responsesDoor.decode(fixture.body);
  const endpoint = { name: 'openai', type: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-provider', apiVersion: null, headers: {} };
  const sent = responsesDoor.native?.buildRequest(inbound, endpoint, { upstreamModel: 'gpt-5-codex', stream: true, clientHeaders: {} });
  assert.deepEqual(JSON.parse(sent?.body ?? 'null'), { ...fixture.body, model: 'gpt-5-codex' });
});
