import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProviderEndpoint } from '../../config/config.js';
import { chatRequestSchema } from '../../core/chat-request.js';
import type { AssistantOutputMessage } from '../../core/chat-response.js';
import type { ReasoningDetail } from '../../core/reasoning-details.js';
import { fixtureEvents, readFixture, readJsonFixture, testContext } from './__fixtures__/fixtures.js';
import { buildGeminiRequest } from './build-request.js';
import { convertGeminiResponse } from './convert-response.js';
import type { GeminiContent } from './gemini-wire-types.js';
import { createGeminiStreamConverter } from './stream-converter.js';
import { SKIP_THOUGHT_SIGNATURE_VALIDATOR } from './thought-signatures.js';

const endpoint: ProviderEndpoint = { name: 'gemini', type: 'gemini', baseUrl: 'https://g.example', apiKey: 'k', apiVersion: null, headers: {} };

/** The request a client sends after appending the assistant message (and answering its tool calls). */
function nextTurn(assistant: object, toolCallIds: string[], model = 'gemini-3-pro-preview'): GeminiContent[] {
  const request = chatRequestSchema.parse({
    messages: [
      { role: 'user', content: 'What is the weather in San Francisco?' },
      assistant,
      ...toolCallIds.map((id) => ({ role: 'tool', tool_call_id: id, content: '{"temperature":18}' })),
      ...(toolCallIds.length === 0 ? [{ role: 'user', content: 'And tomorrow?' }] : []),
    ],
  });
  const body = JSON.parse(buildGeminiRequest(request, endpoint, testContext({ upstreamModel: model })).body) as { contents: GeminiContent[] };
  return body.contents;
}

const recordedSignature = (name: string): string => {
  const body = readJsonFixture(name) as { candidates: { content: { parts: { thoughtSignature: string }[] } }[] };
  return body.candidates[0]?.content.parts[0]?.thoughtSignature ?? '';
};

/** How an OpenAI client rebuilds the assistant message from stream deltas. */
function assistantFromStream(name: string): AssistantOutputMessage {
  const converter = createGeminiStreamConverter(testContext({ stream: true, upstreamModel: 'gemini-3-pro-preview' }));
  const message: AssistantOutputMessage = { role: 'assistant', content: null, refusal: null };
  const calls: { id: string; type: 'function'; function: { name: string; arguments: string } }[] = [];
  const details: ReasoningDetail[] = [];
  for (const event of fixtureEvents(name)) {
    for (const chunk of converter.push(event)) {
      for (const choice of chunk.choices) {
        if (choice.delta.content) message.content = (message.content ?? '') + choice.delta.content;
        details.push(...(choice.delta.reasoning_details ?? []));
        for (const delta of choice.delta.tool_calls ?? []) {
          const known = calls[delta.index];
          if (known !== undefined) known.function.arguments += delta.function?.arguments ?? '';
          else calls[delta.index] = { id: delta.id ?? '', type: 'function', function: { name: delta.function?.name ?? '', arguments: delta.function?.arguments ?? '' } };
        }
      }
    }
  }
  converter.end();
  if (calls.length > 0) message.tool_calls = calls;
  if (details.length > 0) message.reasoning_details = details;
  return message;
}

test('non-streamed Gemini 3 tool call: the signature comes back on its functionCall part', () => {
  const message = convertGeminiResponse(readJsonFixture('google-tool-call-gemini3.json'), testContext({ upstreamModel: 'gemini-3-pro-preview' })).choices[0]?.message;
  assert.ok(message?.tool_calls?.[0]);
  const contents = nextTurn(message, [message.tool_calls[0].id]);
  assert.deepEqual(contents[1], {
    role: 'model',
    parts: [{ functionCall: { name: 'weather', args: { location: 'San Francisco' } }, thoughtSignature: recordedSignature('google-tool-call-gemini3.json') }],
  });
  assert.deepEqual(contents[2], { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { temperature: 18 } } }] });
});

test('streamed Gemini 3 tool call: the signature rebuilt from deltas comes back on its functionCall part', () => {
  const message = assistantFromStream('google-tool-call-gemini3.chunks.txt');
  const id = message.tool_calls?.[0]?.id ?? '';
  const part = nextTurn(message, [id])[1]?.parts[0];
  assert.equal(part?.functionCall?.name, 'weather');
  assert.ok(part?.thoughtSignature && part.thoughtSignature.length > 1000 && part.thoughtSignature !== SKIP_THOUGHT_SIGNATURE_VALIDATOR);
});

test('parallel calls: the batch signature returns on the first call, the second stays unsigned', () => {
  const message = assistantFromStream('gemini-parallel-tool-calls.chunks.txt');
  const ids = (message.tool_calls ?? []).map((call) => call.id);
  const parts = nextTurn(message, ids, 'gemini-3-flash-preview')[1]?.parts;
  assert.equal(parts?.[0]?.thoughtSignature, 'CiQBjz1rX2Pa');
  assert.equal(parts?.[1]?.thoughtSignature, undefined);
});

test('a client that dropped reasoning_details: Gemini 3 gets the skip sentinel on the first call of each turn; Gemini 2.5 gets nothing', () => {
  const assistant = {
    role: 'assistant',
    content: null,
    tool_calls: [
      { id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{"location":"SF"}' } },
      { id: 'call_b', type: 'function', function: { name: 'weather', arguments: '{"location":"LA"}' } },
    ],
  };
  const gemini3 = nextTurn(assistant, ['call_a', 'call_b'])[1]?.parts;
  assert.equal(gemini3?.[0]?.thoughtSignature, SKIP_THOUGHT_SIGNATURE_VALIDATOR);
  assert.equal(gemini3?.[1]?.thoughtSignature, undefined);
  const gemini25 = nextTurn(assistant, ['call_a', 'call_b'], 'gemini-2.5-flash')[1]?.parts;
  assert.ok(gemini25?.every((part) => part.thoughtSignature === undefined));
});

test('a signature on a text answer returns on the model text part', () => {
  const message = convertGeminiResponse(readJsonFixture('google-text.json'), testContext()).choices[0]?.message;
  assert.ok(message);
  assert.deepEqual(nextTurn(message, [])[1], {
    role: 'model',
    parts: [{ text: message.content ?? '', thoughtSignature: recordedSignature('google-text.json') }],
  });
});

test('other providers\' reasoning and signatures for unknown ids are not replayed', () => {
  const assistant = {
    role: 'assistant',
    content: 'Let me check.',
    tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{}' } }],
    reasoning_details: [
      { type: 'reasoning.text', text: 'thinking…', signature: 'anthropic-sig', format: 'anthropic-claude-v1', index: 0 },
      { type: 'reasoning.encrypted', data: 'anthropic-redacted', format: 'anthropic-claude-v1', index: 1 },
      { type: 'reasoning.encrypted', data: 'sig-for-another-call', format: 'google-gemini-v1', index: 2, id: 'call_zzz' },
    ],
  };
  assert.deepEqual(nextTurn(assistant, ['call_a'], 'gemini-2.5-flash')[1], {
    role: 'model',
    parts: [{ text: 'Let me check.' }, { functionCall: { name: 'weather', args: {} } }],
  });
});

/** What most SDKs and frameworks replay: role, content and tool_calls, without reasoning_details. */
function withoutReasoningDetails(message: AssistantOutputMessage): object {
  return { role: 'assistant', content: message.content, tool_calls: message.tool_calls };
}

test('a client that replays only content and tool_calls (non-streamed): the signature returns from the id, not the sentinel', () => {
  for (const [fixture, model] of [
    ['google-tool-call-gemini3.json', 'gemini-3-pro-preview'],
    ['google-tool-call.json', 'gemini-2.5-flash'],
  ] as const) {
    const message = convertGeminiResponse(readJsonFixture(fixture), testContext({ upstreamModel: model })).choices[0]?.message;
    assert.ok(message?.tool_calls?.[0]);
    const contents = nextTurn(withoutReasoningDetails(message), [message.tool_calls[0].id], model);
    assert.deepEqual(contents[1], {
      role: 'model',
      parts: [{ functionCall: { name: 'weather', args: { location: 'San Francisco' } }, thoughtSignature: recordedSignature(fixture) }],
    }, `${fixture} on ${model}`);
    assert.deepEqual(contents[2], { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { temperature: 18 } } }] });
  }
});

test('a client that replays only content and tool_calls (streamed): the 5,000-character signature returns from the id', () => {
  const message = assistantFromStream('google-tool-call-gemini3.chunks.txt');
  const id = message.tool_calls?.[0]?.id ?? '';
  const recorded = /"thoughtSignature":"([^"]+)"/.exec(readFixture('google-tool-call-gemini3.chunks.txt'))?.[1];
  assert.ok(recorded !== undefined && recorded.length > 5000);
  for (const model of ['gemini-3-pro-preview', 'gemini-2.5-pro']) {
    const part = nextTurn(withoutReasoningDetails(message), [id], model)[1]?.parts[0];
    assert.equal(part?.functionCall?.name, 'weather');
    assert.equal(part?.thoughtSignature, recorded, model);
  }
});

test('parallel calls replayed without reasoning_details: the first call gets the batch signature from its id, the second none', () => {
  const message = assistantFromStream('gemini-parallel-tool-calls.chunks.txt');
  const ids = (message.tool_calls ?? []).map((call) => call.id);
  const parts = nextTurn(withoutReasoningDetails(message), ids, 'gemini-3-flash-preview')[1]?.parts;
  assert.equal(parts?.[0]?.thoughtSignature, 'CiQBjz1rX2Pa');
  assert.equal(parts?.[1]?.thoughtSignature, undefined);
});

test('reasoning_details bound to the id win over the signature the id carries', () => {
  const id = 'call_a__thought__RnJvbUlk';
  const assistant = {
    role: 'assistant',
    content: null,
    tool_calls: [{ id, type: 'function', function: { name: 'weather', arguments: '{}' } }],
    reasoning_details: [{ type: 'reasoning.encrypted', data: 'RnJvbURldGFpbHM=', format: 'google-gemini-v1', index: 0, id }],
  };
  assert.equal(nextTurn(assistant, [id])[1]?.parts[0]?.thoughtSignature, 'RnJvbURldGFpbHM=');
  const { reasoning_details: _dropped, ...bare } = assistant;
  assert.equal(nextTurn(bare, [id])[1]?.parts[0]?.thoughtSignature, 'RnJvbUlk');
});
