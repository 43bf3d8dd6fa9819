import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatCompletionChunk, ChunkDelta } from '../../core/chat-response.js';
import { GatewayError } from '../../core/errors.js';
import { SseDecoder } from '../../stream/sse-decoder.js';
import type { AdapterContext } from '../adapter.js';
import { fixtureEvents, readFixture, testContext } from './__fixtures__/fixtures.js';
import { createGeminiStreamConverter } from './stream-converter.js';

function run(name: string, overrides: Partial<AdapterContext> = {}) {
  const converter = createGeminiStreamConverter(testContext({ stream: true, includeUsage: true, upstreamModel: 'gemini-3-pro-preview', ...overrides }));
  const chunks: ChatCompletionChunk[] = [];
  for (const event of fixtureEvents(name)) chunks.push(...converter.push(event));
  const done = converter.done;
  chunks.push(...converter.end());
  return { chunks, done, usage: converter.usage() };
}

/** The id of a call whose part carried `thoughtSignature` (thought-signature-id.ts), built independently with Buffer. */
const signedId = (id: string, thoughtSignature: string): string => `${id}__thought__${Buffer.from(thoughtSignature, 'base64').toString('base64url')}`;

/** The signature on the recorded functionCall part. */
const recordedSignature = (name: string): string => /"thoughtSignature":\s*"([^"]+)"/.exec(readFixture(name))?.[1] ?? '';

/** What a client accumulates from the deltas of choice `index`. */
function accumulate(chunks: ChatCompletionChunk[], index = 0) {
  let content = '';
  let reasoning = '';
  const details: NonNullable<ChunkDelta['reasoning_details']> = [];
  const calls: { id?: string; name?: string; arguments: string }[] = [];
  let finish: string | null = null;
  for (const chunk of chunks) {
    for (const choice of chunk.choices) {
      if (choice.index !== index) continue;
      content += choice.delta.content ?? '';
      reasoning += choice.delta.reasoning_content ?? '';
      details.push(...(choice.delta.reasoning_details ?? []));
      for (const call of choice.delta.tool_calls ?? []) {
        const slot = (calls[call.index] ??= { arguments: '' });
        if (call.id) slot.id = call.id;
        if (call.function?.name) slot.name = call.function.name;
        slot.arguments += call.function?.arguments ?? '';
      }
      if (choice.finish_reason !== null) finish = choice.finish_reason;
    }
  }
  return { content, reasoning, details, calls, finish };
}

/** Single-choice stream invariants: role first, stable id/created, exactly one finish — in the last chunk, with an empty delta. */
function assertWellFormed(chunks: ChatCompletionChunk[]): void {
  const first = chunks[0];
  assert.ok(first !== undefined);
  assert.equal(first.choices[0]?.delta.role, 'assistant', 'first chunk carries the role');
  for (const chunk of chunks) {
    assert.equal(chunk.id, first.id, 'stable id');
    assert.equal(chunk.created, first.created, 'stable created');
    assert.equal(chunk.object, 'chat.completion.chunk');
  }
  const choices = chunks.flatMap((chunk) => chunk.choices);
  const finishes = choices.filter((choice) => choice.finish_reason !== null);
  assert.equal(finishes.length, 1, 'exactly one finish');
  assert.equal(finishes[0], choices.at(-1), 'finish_reason is null on every chunk but the last');
  assert.deepEqual(finishes[0]?.delta, {}, 'the finish chunk has an empty delta');
}

test('recorded text stream → content deltas, stop, usage chunk at the end; the closing signature is kept', () => {
  const { chunks, done, usage } = run('google-text.chunks.txt');
  assertWellFormed(chunks);
  assert.ok(done);
  assert.equal(chunks[0]?.id, 'chatcmpl-bH6LaZW8Fp_3nsEPqtaSwQ4');
  assert.equal(chunks[0]?.model, 'gemini-3-pro-preview');
  const result = accumulate(chunks);
  assert.equal(result.content, 'There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y');
  assert.equal(result.finish, 'stop');
  assert.equal(result.details.length, 1);
  assert.equal(result.details[0]?.type, 'reasoning.encrypted');
  assert.equal('id' in (result.details[0] ?? {}), false);
  const expectedUsage = { prompt_tokens: 9, completion_tokens: 208, total_tokens: 217, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 185 } };
  assert.deepEqual(chunks.at(-1), { id: chunks[0]?.id, object: 'chat.completion.chunk', created: 1_770_000_000, model: 'gemini-3-pro-preview', choices: [], usage: expectedUsage });
  assert.deepEqual(usage, expectedUsage);
  assert.equal(chunks.filter((chunk) => chunk.usage !== undefined).length, 1, 'usage only once, at the end');
});

test('recorded Gemini 3 reasoning stream → text, and the last usage wins', () => {
  const { chunks, usage } = run('google-reasoning-gemini3.chunks.txt');
  assertWellFormed(chunks);
  assert.equal(accumulate(chunks).content, 'There are **3** "r"s in strawberry.\n\nSt**r**awbe**rr**y');
  assert.equal(usage?.completion_tokens, 23 + 302);
  assert.equal(usage?.total_tokens, 334);
});

for (const name of ['google-tool-call.chunks.txt', 'google-tool-call-gemini3.chunks.txt']) {
  test(`recorded tool-call stream (${name}) → a first delta with id (carrying the signature), type, name and arguments "", then the whole arguments; finish tool_calls`, () => {
    const { chunks } = run(name);
    assertWellFormed(chunks);
    const toolDeltas = chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
    const id = signedId('call_1', recordedSignature(name));
    assert.ok(id.length > 100);
    assert.deepEqual(toolDeltas, [
      { index: 0, id, type: 'function', function: { name: 'weather', arguments: '' } },
      { index: 0, function: { arguments: '{"location":"San Francisco"}' } },
    ]);
    const result = accumulate(chunks);
    assert.equal(result.finish, 'tool_calls');
    assert.equal(result.content, '');
    assert.equal(result.details.length, 1);
    assert.equal(result.details[0]?.type === 'reasoning.encrypted' ? result.details[0].id : null, id);
  });
}

test('parallel calls with a thought summary → reasoning_content, tool indexes 0 and 1, signature on the first (in its id too)', () => {
  const { chunks } = run('gemini-parallel-tool-calls.chunks.txt');
  assertWellFormed(chunks);
  const result = accumulate(chunks);
  const first = signedId('call_1', 'CiQBjz1rX2Pa');
  assert.equal(result.reasoning, '**Planning the lookups**\n\nBoth cities are needed, so I will call the tool twice.');
  assert.deepEqual(result.calls, [
    { id: first, name: 'get_weather', arguments: '{"city":"Paris"}' },
    { id: 'call_2', name: 'get_weather', arguments: '{"city":"Tokyo"}' },
  ]);
  assert.deepEqual(result.details, [{ type: 'reasoning.encrypted', data: 'CiQBjz1rX2Pa', format: 'google-gemini-v1', index: 0, id: first }]);
  assert.equal(result.finish, 'tool_calls');
});

test('thought summaries stream as reasoning_content before the content', () => {
  const { chunks, usage } = run('gemini-thoughts.chunks.txt', { upstreamModel: 'gemini-2.5-flash' });
  assertWellFormed(chunks);
  const result = accumulate(chunks);
  assert.equal(result.reasoning, '**Counting letters**\n\nI spell it out and count each r.');
  assert.equal(result.content, "There are 3 r's in strawberry.");
  assert.deepEqual(usage?.prompt_tokens_details, { cached_tokens: 4 });
  const firstContent = chunks.findIndex((chunk) => chunk.choices.some((choice) => choice.delta.content));
  const lastReasoning = chunks.findLastIndex((chunk) => chunk.choices.some((choice) => choice.delta.reasoning_content));
  assert.ok(lastReasoning < firstContent);
});

test('a blocked prompt → role chunk then content_filter; done', () => {
  const { chunks, done } = run('gemini-prompt-blocked.chunks.txt', { includeUsage: false });
  assert.ok(done);
  assert.deepEqual(
    chunks.map((chunk) => chunk.choices),
    [
      [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: {}, logprobs: null, finish_reason: 'content_filter' }],
    ],
  );
});

test('two candidates finishing at different chunks → two choices, each with its own finish', () => {
  const { chunks, done } = run('gemini-two-candidates.chunks.txt', { upstreamModel: 'gemini-2.0-flash' });
  assert.ok(done);
  assert.deepEqual([accumulate(chunks, 0).content, accumulate(chunks, 0).finish], ['Blue', 'stop']);
  assert.deepEqual([accumulate(chunks, 1).content, accumulate(chunks, 1).finish], ['Red', 'length']);
  for (const index of [0, 1]) {
    const roles = chunks.flatMap((chunk) => chunk.choices.filter((choice) => choice.index === index && choice.delta.role === 'assistant'));
    assert.equal(roles.length, 1, 'role once per choice');
  }
});

test('no usage chunk unless the client asked for it, but usage() still reports it', () => {
  const { chunks, usage } = run('google-text.chunks.txt', { includeUsage: false });
  assert.ok(chunks.every((chunk) => chunk.choices.length > 0 && chunk.usage === undefined));
  assert.equal(usage?.total_tokens, 217);
});

test('a stream that ends without finishReason → end() throws upstream_error, partial usage is kept', () => {
  const converter = createGeminiStreamConverter(testContext({ stream: true }));
  const chunks = fixtureEvents('gemini-stream-cut-off.chunks.txt').flatMap((event) => converter.push(event));
  assert.equal(accumulate(chunks).content, 'The capital of France is');
  assert.equal(converter.done, false);
  assert.throws(() => converter.end(), (error: unknown) => error instanceof GatewayError && error.status === 502 && /before the answer was complete/.test(error.message));
  assert.equal(converter.usage()?.completion_tokens, 5);
  const empty = createGeminiStreamConverter(testContext({ stream: true }));
  assert.throws(() => empty.end(), /before sending an answer/);
});

test('an error inside the stream (object or one-element array) is thrown as the mapped error', () => {
  const converter = createGeminiStreamConverter(testContext({ stream: true }));
  const [first, second] = fixtureEvents('gemini-stream-error.chunks.txt');
  assert.ok(first !== undefined && second !== undefined);
  assert.equal(accumulate(converter.push(first)).content, 'Partial');
  assert.throws(() => converter.push(second), (error: unknown) => error instanceof GatewayError && error.status === 503 && error.code === 'overloaded');
  const wrapped = createGeminiStreamConverter(testContext({ stream: true }));
  assert.throws(
    () => wrapped.push({ event: undefined, data: `[${readFixture('gemini-error-429-retry-info.json')}]` }),
    (error: unknown) => error instanceof GatewayError && error.status === 429 && error.headers['retry-after'] === '35',
  );
});

test('invalid JSON or a non-response event is a 502', () => {
  const converter = createGeminiStreamConverter(testContext({ stream: true }));
  assert.throws(() => converter.push({ event: undefined, data: '{"candidates":' }), /not valid JSON/);
  assert.throws(() => converter.push({ event: undefined, data: '{"candidates":"x"}' }), /not a GenerateContentResponse/);
});

test('works on the raw wire: CRLF-framed SSE split at arbitrary byte boundaries', () => {
  const wire = fixtureEvents('google-tool-call-gemini3.chunks.txt')
    .map((event) => `data: ${event.data}\r\n\r\n`)
    .join('');
  const bytes = new TextEncoder().encode(wire);
  const decoder = new SseDecoder();
  const converter = createGeminiStreamConverter(testContext({ stream: true }));
  const chunks: ChatCompletionChunk[] = [];
  for (let offset = 0; offset < bytes.length; offset += 97) {
    for (const event of decoder.push(bytes.slice(offset, offset + 97))) chunks.push(...converter.push(event));
  }
  for (const event of decoder.end()) chunks.push(...converter.push(event));
  chunks.push(...converter.end());
  assert.equal(accumulate(chunks).finish, 'tool_calls');
  assert.equal(accumulate(chunks).calls[0]?.arguments, '{"location":"San Francisco"}');
});

test('events after the final candidate (usage only) update usage and emit nothing', () => {
  const converter = createGeminiStreamConverter(testContext({ stream: true, includeUsage: true }));
  for (const event of fixtureEvents('google-text.chunks.txt')) converter.push(event);
  assert.deepEqual(converter.push({ event: undefined, data: '{"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":30,"totalTokenCount":39}}' }), []);
  assert.equal(converter.end()[0]?.usage?.completion_tokens, 30);
});
