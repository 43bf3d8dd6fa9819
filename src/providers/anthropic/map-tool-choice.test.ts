import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chatRequestSchema } from '../../core/chat-request.js';
import { GatewayError } from '../../core/errors.js';
import type { AnthropicTool } from './anthropic-request-types.js';
import { convertTools } from './convert-tools.js';
import { JSON_RESPONSE_TOOL_NAME, mapResponseFormat } from './map-response-format.js';
import { mapToolChoice } from './map-tool-choice.js';
import { claudeCapabilities } from './model-capabilities.js';

const weather: AnthropicTool = { name: 'weather', input_schema: { type: 'object', properties: {} } };
const clock: AnthropicTool = { name: 'clock', input_schema: { type: 'object', properties: {} } };
const json: AnthropicTool = { name: JSON_RESPONSE_TOOL_NAME, input_schema: { type: 'object' } };

const choiceOf = (tool_choice: unknown) =>
  chatRequestSchema.parse({
    messages: [{ role: 'user', content: 'x' }],
    tools: [{ type: 'function', function: { name: 'weather' } }, { type: 'function', function: { name: 'clock' } }],
    tool_choice,
  }).tool_choice;

test('tool_choice forms: none, auto, required → any, named function → tool', () => {
  assert.deepEqual(mapToolChoice(choiceOf('none'), undefined, [weather], null).toolChoice, { type: 'none' });
  assert.deepEqual(mapToolChoice(choiceOf('auto'), undefined, [weather], null).toolChoice, { type: 'auto' });
  assert.deepEqual(mapToolChoice(choiceOf('required'), undefined, [weather], null), { tools: [weather], toolChoice: { type: 'any' }, forcedBy: 'client' });
  assert.deepEqual(mapToolChoice(choiceOf({ type: 'function', function: { name: 'weather' } }), undefined, [weather], null).toolChoice, {
    type: 'tool',
    name: 'weather',
  });
  assert.deepEqual(mapToolChoice(undefined, undefined, [weather], null), { tools: [weather], forcedBy: 'nobody' });
  assert.deepEqual(mapToolChoice(choiceOf('auto'), undefined, [], null), { tools: [], forcedBy: 'nobody' });
});

test('allowed_tools: only the listed tools are sent, mode auto → auto, required → any', () => {
  const allowed = (mode: string) =>
    choiceOf({ type: 'allowed_tools', allowed_tools: { mode, tools: [{ type: 'function', function: { name: 'clock' } }] } });
  assert.deepEqual(mapToolChoice(allowed('auto'), undefined, [weather, clock], null), { tools: [clock], toolChoice: { type: 'auto' }, forcedBy: 'nobody' });
  assert.deepEqual(mapToolChoice(allowed('required'), undefined, [weather, clock], null).toolChoice, { type: 'any' });
  const unknown = choiceOf({ type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'nope' } }] } });
  assert.throws(() => mapToolChoice(unknown, undefined, [weather, clock], null), GatewayError);
});

test('parallel_tool_calls: false → disable_parallel_tool_use (auto created when no choice; not for none)', () => {
  assert.deepEqual(mapToolChoice(undefined, false, [weather], null).toolChoice, { type: 'auto', disable_parallel_tool_use: true });
  assert.deepEqual(mapToolChoice(choiceOf('required'), false, [weather], null).toolChoice, { type: 'any', disable_parallel_tool_use: true });
  assert.deepEqual(mapToolChoice(choiceOf('none'), false, [weather], null).toolChoice, { type: 'none' });
  assert.deepEqual(mapToolChoice(undefined, true, [weather], null).toolChoice, undefined);
});

test('the JSON tool is forced alone without client tools, and alongside them as "any" otherwise', () => {
  assert.deepEqual(mapToolChoice(undefined, undefined, [], json), {
    tools: [json],
    toolChoice: { type: 'tool', name: JSON_RESPONSE_TOOL_NAME, disable_parallel_tool_use: true },
    forcedBy: 'response_format',
  });
  assert.deepEqual(mapToolChoice(choiceOf('none'), undefined, [weather], json).toolChoice, {
    type: 'tool',
    name: JSON_RESPONSE_TOOL_NAME,
    disable_parallel_tool_use: true,
  });
  assert.deepEqual(mapToolChoice(choiceOf('auto'), undefined, [weather], json), { tools: [weather, json], toolChoice: { type: 'any' }, forcedBy: 'response_format' });
  // A named client tool wins: the answer is that tool call, the JSON tool is not offered.
  assert.deepEqual(mapToolChoice(choiceOf({ type: 'function', function: { name: 'weather' } }), undefined, [weather], json).tools, [weather]);
});

test('tools: parameters → input_schema, no-arg tools get an empty object schema, strict only where supported', () => {
  const tools = chatRequestSchema.parse({
    messages: [{ role: 'user', content: 'x' }],
    tools: [
      { type: 'function', function: { name: 'now', description: 'Current time' } },
      { type: 'function', function: { name: 'find', parameters: { properties: { q: { type: 'string' } } }, strict: true } },
    ],
  }).tools;
  assert.deepEqual(convertTools(tools, claudeCapabilities('claude-sonnet-4-5')), [
    { name: 'now', description: 'Current time', input_schema: { type: 'object', properties: {} } },
    { name: 'find', input_schema: { type: 'object', properties: { q: { type: 'string' } } }, strict: true },
  ]);
  assert.equal(convertTools(tools, claudeCapabilities('claude-3-5-haiku-latest'))[1]?.strict, undefined);
  const reserved = chatRequestSchema.parse({ messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: JSON_RESPONSE_TOOL_NAME } }] }).tools;
  assert.throws(() => convertTools(reserved, claudeCapabilities('claude-sonnet-4-5')), GatewayError);
});

test('response_format: native json_schema on capable models, the JSON tool elsewhere and for json_object', () => {
  const schema = { type: 'object', properties: { a: { type: 'integer', minimum: 1 } }, required: ['a'] };
  const format = { type: 'json_schema' as const, json_schema: { name: 'answer', schema } };
  assert.deepEqual(mapResponseFormat(format, claudeCapabilities('claude-sonnet-4-5-20250929')), {
    kind: 'native',
    format: {
      type: 'json_schema',
      schema: { type: 'object', properties: { a: { type: 'integer', description: '{minimum: 1}' } }, required: ['a'], additionalProperties: false },
    },
  });
  const fallback = mapResponseFormat(format, claudeCapabilities('claude-3-5-haiku-latest'));
  assert.equal(fallback.kind, 'tool');
  assert.deepEqual(fallback.kind === 'tool' ? fallback.tool.input_schema : null, schema);
  const object = mapResponseFormat({ type: 'json_object' }, claudeCapabilities('claude-opus-4-5'));
  assert.equal(object.kind === 'tool' ? object.tool.name : null, JSON_RESPONSE_TOOL_NAME);
  assert.deepEqual(mapResponseFormat({ type: 'text' }, claudeCapabilities('claude-opus-4-5')), { kind: 'none' });
  assert.throws(
    () => mapResponseFormat({ type: 'json_schema', json_schema: { name: 'list', schema: { type: 'array' } } }, claudeCapabilities('claude-opus-4-5')),
    GatewayError,
  );
});
