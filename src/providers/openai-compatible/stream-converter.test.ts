/** Recorded real streams (test/fixtures) through the converter come out as conformant OpenAI chunks. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { ChatCompletionChunk } from '../../core/chat-response.js';
import { testContext } from '../test-context.js';
import { createOpenAICompatibleStreamConverter } from './stream-converter.js';

const fixture = (path: string) =>
  readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');

function run(lines: string[], options: { includeUsage?: boolean; done?: boolean } = {}) {
  const converter = createOpenAICompatibleStreamConverter(testContext({ stream: true, includeUsage: options.includeUsage ?? false }));
  const chunks: ChatCompletionChunk[] = [];
  for (const data of lines) chunks.push(...converter.push({ event: undefined, data }));
  if (options.done ?? true) chunks.push(...converter.push({ event: undefined, data: '[DONE]' }));
  chunks.push(...converter.end());
  return { chunks, usage: converter.usage() };
}

/** OpenAI's structural rules for a chunk stream (protocols.md A.5). */
function assertConformant(chunks: ChatCompletionChunk[]) {
  assert.ok(chunks.length > 0);
  const ids = new Set(chunks.map((chunk) => chunk.id));
  assert.equal(ids.size, 1, 'one id for the whole stream');
  assert.equal(chunks[0]?.choices[0]?.delta.role, 'assistant', 'the first chunk carries the role');
  const withChoices = chunks.filter((chunk) => chunk.choices.length > 0);
  const finishes = withChoices.filter((chunk) => chunk.choices[0]?.finish_reason !== null);
  assert.equal(finishes.length, 1, 'exactly one finish chunk');
  assert.equal(withChoices.at(-1), finishes[0], 'the finish chunk is the last content chunk');
  for (const chunk of chunks) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    for (const choice of chunk.choices) {
      assert.ok('logprobs' in choice && 'finish_reason' in choice, 'logprobs and finish_reason are always present');
      assert.ok(['stop', 'length', 'tool_calls', 'content_filter', 'function_call', null].includes(choice.finish_reason));
    }
  }
}

function toolCalls(chunks: ChatCompletionChunk[]) {
  const calls: Array<{ id: string; name: string; arguments: string }> = [];
  for (const chunk of chunks) {
    for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
      if (delta.id !== undefined) {
        assert.equal(delta.index, calls.length, 'a new tool call takes the next index');
        assert.equal(delta.type, 'function');
        assert.equal(delta.function?.arguments, '', 'a call is announced with empty arguments');
        calls.push({ id: delta.id, name: delta.function?.name ?? '', arguments: '' });
      } else {
        const call = calls[delta.index];
        assert.ok(call, 'fragments follow their announcement');
        call.arguments += delta.function?.arguments ?? '';
      }
    }
  }
  return calls;
}

test('OpenAI text stream passes through with its usage chunk only when asked', () => {
  const lines = fixture('openai/openai-text.chunks.txt');
  const silent = run(lines);
  assertConformant(silent.chunks);
  assert.ok(silent.chunks.every((chunk) => chunk.choices.length > 0 && chunk.usage === undefined));
  assert.equal(silent.usage?.prompt_tokens, 16);
  const asked = run(lines, { includeUsage: true });
  const last = asked.chunks.at(-1);
  assert.deepEqual(last?.choices, []);
  assert.equal(last?.usage?.completion_tokens, 300);
});

test("Azure's empty prologue chunk never reaches the client", () => {
  const { chunks } = run(fixture('openai/azure-model-router.1.chunks.txt'));
  assertConformant(chunks);
  assert.ok(chunks.every((chunk) => chunk.id !== '' && chunk.model !== ''));
});

test('DeepSeek usage on the finish chunk moves to a trailing usage chunk, with cache hits as cached_tokens', () => {
  const { chunks, usage } = run(fixture('deepseek/deepseek-tool-call.chunks.txt'), { includeUsage: true });
  assertConformant(chunks);
  const finish = chunks.find((chunk) => chunk.choices[0]?.finish_reason);
  assert.equal(finish?.usage, undefined, 'no usage on the finish chunk');
  assert.equal(chunks.at(-1)?.usage?.prompt_tokens_details?.cached_tokens, 320);
  assert.equal(usage?.completion_tokens_details?.reasoning_tokens, 39);
  const calls = toolCalls(chunks);
  assert.equal(calls.length, 1);
  assert.doesNotThrow(() => JSON.parse(calls[0]?.arguments ?? ''));
});

test('DeepSeek reasoning arrives as reasoning_content deltas', () => {
  const { chunks } = run(fixture('deepseek/deepseek-reasoning.chunks.txt'));
  assertConformant(chunks);
  const reasoning = chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? '').join('');
  assert.ok(reasoning.length > 20);
});

test("xAI: a tool call in one delta, the doubled finish chunk, and completion tokens that exclude reasoning", () => {
  const { chunks, usage } = run(fixture('openai-compatible/xai-tool-call.chunks.txt'));
  assertConformant(chunks);
  const calls = toolCalls(chunks);
  assert.equal(calls.length, 1);
  assert.doesNotThrow(() => JSON.parse(calls[0]?.arguments ?? ''));
  // 307 prompt + 26 completion + 227 reasoning = 560 total: completion must include reasoning.
  assert.equal(usage?.completion_tokens, 26 + 227);
  assert.equal(usage?.total_tokens, 560);
});

test("DashScope's repeated empty ids and trailing empty delta do not create extra tool calls", () => {
  const { chunks } = run(fixture('openai-compatible/alibaba-tool-call.chunks.txt'));
  assertConformant(chunks);
  const calls = toolCalls(chunks);
  assert.deepEqual(calls.map((call) => [call.id, call.name, JSON.parse(call.arguments)]), [
    ['call_eee11723464a4b9eb8cee71d', 'weather', { location: 'San Francisco' }],
  ]);
});

test('a stream that closes without [DONE] or a finish reason is an error; with [DONE] a finish is synthesised', () => {
  const lines = ['{"id":"x","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"}}]}'];
  assert.throws(() => run(lines, { done: false }), /closed the stream before the answer was complete/);
  const { chunks } = run(lines);
  assertConformant(chunks);
  assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'stop');
});

test('non-standard finish reasons are mapped; tool calls with "stop" become "tool_calls"', () => {
  const eos = run(['{"id":"x","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"a"},"finish_reason":"eos"}]}']);
  assert.equal(eos.chunks.at(-1)?.choices[0]?.finish_reason, 'stop');
  const ollama = run([
    '{"id":"x","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]}}]}',
    '{"id":"x","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
  ]);
  assert.equal(ollama.chunks.at(-1)?.choices[0]?.finish_reason, 'tool_calls');
});

test('an error payload inside the stream throws a gateway error; a non-JSON event is an upstream error', () => {
  assert.throws(() => run(['{"error":{"message":"Overloaded","type":"server_error","code":"overloaded"}}']), /Overloaded/);
  assert.throws(() => run(['not json']), /not valid JSON/);
});

test("OpenAI's own plain deltas are forwarded byte for byte; the answer is the same as when re-encoded", async () => {
  const { createChunkEncoder } = await import('../../stream/sse-encoder.js');
  const encodeChunks = (chunks: ChatCompletionChunk[]) => createChunkEncoder()(chunks);
  const lines = fixture('openai/openai-text.chunks.txt');
  const decode = (chunks: ChatCompletionChunk[]) =>
    encodeChunks(chunks)
      .split('\n\n')
      .filter((frame) => frame.startsWith('data: '))
      .map((frame) => JSON.parse(frame.slice(6)) as { choices: Array<{ delta: { content?: string }; finish_reason: string | null }> });
  const fast = createOpenAICompatibleStreamConverter(testContext({ stream: true, providerType: 'openai' }));
  const out: ChatCompletionChunk[] = [];
  for (const data of lines) out.push(...fast.push({ event: undefined, data }));
  out.push(...fast.push({ event: undefined, data: '[DONE]' }), ...fast.end());
  const forwarded = encodeChunks(out);
  assert.ok(forwarded.includes(`data: ${lines[1]}\n\n`), 'a content chunk leaves exactly as it came');
  const slow = run(lines).chunks;
  const text = (frames: ReturnType<typeof decode>) => frames.map((frame) => frame.choices[0]?.delta.content ?? '').join('');
  assert.equal(text(decode(out)), text(decode(slow)));
  assert.equal(decode(out).at(-1)?.choices[0]?.finish_reason, 'stop');
  assert.equal(fast.usage()?.completion_tokens, 300, 'usage is still read');
});
