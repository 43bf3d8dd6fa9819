/** The fake Gemini wire (test/fakes/gemini-wire.ts) must come back through this adapter as the answer it renders. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CannedAnswer } from '../../../test/fakes/canned-answer.js';
import { FAKE_THOUGHT_SIGNATURE, geminiWire } from '../../../test/fakes/gemini-wire.js';
import { buildUsage } from '../../core/usage.js';
import { SseDecoder } from '../../stream/sse-decoder.js';
import { testContext } from './__fixtures__/fixtures.js';
import { convertGeminiResponse } from './convert-response.js';
import { mapGeminiError } from './map-error.js';
import { createGeminiStreamConverter } from './stream-converter.js';

const answers: Record<string, CannedAnswer> = {
  text: { text: 'Hello from the fake upstream!', finish: 'stop', usage: { prompt: 12, completion: 6, cachedRead: 4 } },
  reasoning: { reasoning: 'Think first, then answer briefly.', text: 'Paris.', finish: 'stop', usage: { prompt: 20, completion: 30, reasoning: 27 } },
  tools: {
    toolCalls: [
      { name: 'get_weather', arguments: { city: 'Paris' }, id: 'call_fixed_1' },
      { name: 'get_time', arguments: {} },
    ],
    finish: 'tool_calls',
    usage: { prompt: 40, completion: 15 },
  },
  length: { text: 'Once upon a', finish: 'length', usage: { prompt: 5, completion: 3 } },
  filtered: { finish: 'content_filter', usage: { prompt: 9, completion: 0 } },
};

const expectedUsage = (answer: CannedAnswer) =>
  buildUsage({ prompt: answer.usage.prompt, completion: answer.usage.completion, cachedRead: answer.usage.cachedRead ?? 0, cacheWrite: 0, reasoning: answer.usage.reasoning ?? 0 });

for (const [name, answer] of Object.entries(answers)) {
  test(`non-streamed ${name} answer round-trips`, () => {
    const completion = convertGeminiResponse(JSON.parse(JSON.stringify(geminiWire.completion(answer, 'gemini-2.5-flash'))), testContext());
    const choice = completion.choices[0];
    assert.equal(completion.model, 'gemini-2.5-flash');
    assert.equal(choice?.finish_reason, answer.finish);
    assert.equal(choice?.message.content, answer.text ?? null);
    assert.equal(choice?.message.reasoning_content, answer.reasoning);
    assert.deepEqual(
      choice?.message.tool_calls?.map((call) => [call.function.name, JSON.parse(call.function.arguments)]),
      answer.toolCalls?.map((call) => [call.name, call.arguments]),
    );
    if (answer.toolCalls?.[0]?.id) assert.equal(choice?.message.tool_calls?.[0]?.id, answer.toolCalls[0].id);
    if (answer.reasoning) assert.equal(choice?.message.reasoning_details?.[0]?.type === 'reasoning.encrypted' && choice.message.reasoning_details[0].data, FAKE_THOUGHT_SIGNATURE);
    assert.deepEqual(completion.usage, expectedUsage(answer));
  });

  test(`streamed ${name} answer round-trips through the SSE decoder`, () => {
    const events = geminiWire.stream(answer, 'gemini-2.5-flash');
    assert.ok(events.every((event) => /^data: \{.*\}\n\n$/s.test(event)), 'data: <json> blocks');
    const decoder = new SseDecoder();
    const converter = createGeminiStreamConverter(testContext({ stream: true, includeUsage: true }));
    const chunks = events.flatMap((event) => decoder.push(new TextEncoder().encode(event))).flatMap((event) => converter.push(event));
    assert.ok(converter.done);
    chunks.push(...converter.end());
    let content = '';
    let reasoning = '';
    const calls: { name: string; arguments: string }[] = [];
    let finish: string | null = null;
    for (const choice of chunks.flatMap((chunk) => chunk.choices)) {
      content += choice.delta.content ?? '';
      reasoning += choice.delta.reasoning_content ?? '';
      for (const call of choice.delta.tool_calls ?? []) {
        const slot = (calls[call.index] ??= { name: '', arguments: '' });
        if (call.function?.name) slot.name = call.function.name;
        slot.arguments += call.function?.arguments ?? '';
      }
      finish = choice.finish_reason ?? finish;
    }
    assert.equal(content, answer.text ?? '');
    assert.equal(reasoning, answer.reasoning ?? '');
    assert.deepEqual(
      calls.map((call) => [call.name, JSON.parse(call.arguments)]),
      answer.toolCalls?.map((call) => [call.name, call.arguments]) ?? [],
    );
    assert.equal(finish, answer.finish);
    assert.deepEqual(chunks.at(-1)?.usage, expectedUsage(answer));
  });
}

test('error bodies use Gemini status names and map back to the status', () => {
  assert.deepEqual(geminiWire.error(429, 'slow down'), { error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' } });
  for (const status of [400, 401, 403, 404, 429, 500, 503, 504]) {
    const error = mapGeminiError(status, JSON.stringify(geminiWire.error(status, 'boom')), {});
    assert.equal(error.status, status);
  }
});
