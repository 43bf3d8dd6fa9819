/** Assertions shared by the conformance tests: the OpenAI answer a CannedAnswer must become. */
import assert from 'node:assert/strict';
import type { Usage } from '../../src/core/usage.js';
import type { CannedAnswer } from '../fakes/canned-answer.js';

/** OpenAI semantics: prompt includes cached reads, completion includes reasoning. */
export function assertUsage(usage: Usage | null | undefined, answer: CannedAnswer, label: string): void {
  assert.ok(usage, `${label}: usage is missing`);
  assert.equal(usage.prompt_tokens, answer.usage.prompt, `${label}: prompt_tokens`);
  assert.equal(usage.completion_tokens, answer.usage.completion, `${label}: completion_tokens`);
  assert.equal(usage.total_tokens, answer.usage.prompt + answer.usage.completion, `${label}: total_tokens`);
  assert.equal(usage.prompt_tokens_details?.cached_tokens ?? 0, answer.usage.cachedRead ?? 0, `${label}: cached_tokens`);
  assert.equal(usage.completion_tokens_details?.reasoning_tokens ?? 0, answer.usage.reasoning ?? 0, `${label}: reasoning_tokens`);
}

/** Names and parsed arguments in order; ids non-empty, unique, and the provider's own when it sent one. */
export function assertToolCalls(calls: ReadonlyArray<{ id: string; name: string; arguments: string }>, answer: CannedAnswer, label: string): void {
  const expected = answer.toolCalls ?? [];
  assert.deepEqual(
    calls.map((call) => [call.name, JSON.parse(call.arguments) as unknown]),
    expected.map((call) => [call.name, call.arguments]),
    `${label}: tool call names and arguments`,
  );
  calls.forEach((call, position) => {
    assert.ok(call.id !== '', `${label}: tool call ${position} has an empty id`);
    const given = expected[position]?.id;
    if (given !== undefined) assert.equal(call.id, given, `${label}: tool call ${position} keeps the upstream id`);
  });
  assert.equal(new Set(calls.map((call) => call.id)).size, calls.length, `${label}: tool call ids are unique`);
}
