/**
 * The structural rules of an OpenAI chat completion stream (protocols.md A.5; openai/openai-openapi
 * `CreateChatCompletionStreamResponse`), checked on the chunks an adapter produced. Returns every
 * violation found, so a failing adapter shows all its problems at once.
 */
import type { ChatCompletionChunk } from '../../src/core/chat-response.js';

const FINISH_REASONS = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

export function streamRuleViolations(chunks: readonly ChatCompletionChunk[], includeUsage: boolean): string[] {
  const problems: string[] = [];
  const first = chunks[0];
  if (first === undefined) return ['the stream has no chunks'];

  chunks.forEach((chunk, position) => {
    const at = `chunk ${position}`;
    if (chunk.object !== 'chat.completion.chunk') problems.push(`${at}: object is ${String(chunk.object)}`);
    if (typeof chunk.id !== 'string' || chunk.id === '') problems.push(`${at}: empty id`);
    if (chunk.id !== first.id) problems.push(`${at}: id ${chunk.id} differs from ${first.id}`);
    if (!Number.isInteger(chunk.created) || chunk.created <= 0) problems.push(`${at}: created is ${chunk.created}`);
    if (chunk.created !== first.created) problems.push(`${at}: created differs from the first chunk`);
    if (typeof chunk.model !== 'string' || chunk.model === '') problems.push(`${at}: empty model`);
  });

  if (first.choices[0]?.delta.role !== 'assistant') problems.push('the first chunk does not carry role "assistant"');
  chunks.slice(1).forEach((chunk, offset) => {
    if (chunk.choices.some((choice) => choice.delta.role !== undefined)) problems.push(`chunk ${offset + 1}: role repeated`);
  });

  problems.push(...finishViolations(chunks), ...usageViolations(chunks, includeUsage), ...toolCallViolations(chunks));
  return problems;
}

function finishViolations(chunks: readonly ChatCompletionChunk[]): string[] {
  const problems: string[] = [];
  const finishing: number[] = [];
  chunks.forEach((chunk, position) => {
    for (const choice of chunk.choices) {
      if (!('logprobs' in choice)) problems.push(`chunk ${position}: choice without logprobs`);
      if (choice.finish_reason === null) continue;
      if (!FINISH_REASONS.has(String(choice.finish_reason))) problems.push(`chunk ${position}: finish_reason ${String(choice.finish_reason)}`);
      else finishing.push(position);
    }
  });
  if (finishing.length !== 1) problems.push(`expected exactly one finish chunk, got ${finishing.length}`);
  const lastWithChoices = chunks.findLastIndex((chunk) => chunk.choices.length > 0);
  if (finishing.length === 1 && finishing[0] !== lastWithChoices) problems.push(`the finish chunk (${finishing[0]}) is not the last chunk with choices (${lastWithChoices})`);
  return problems;
}

function usageViolations(chunks: readonly ChatCompletionChunk[], includeUsage: boolean): string[] {
  const problems: string[] = [];
  const usageChunks = chunks.flatMap((chunk, position) => (chunk.choices.length === 0 ? [position] : []));
  if (includeUsage) {
    if (usageChunks.length !== 1) problems.push(`expected one usage chunk (choices: []), got ${usageChunks.length}`);
    else if (usageChunks[0] !== chunks.length - 1) problems.push('something follows the usage chunk');
    const usage = chunks.at(-1)?.usage;
    if (usage === null || usage === undefined) problems.push('the usage chunk has no usage');
  } else if (usageChunks.length > 0) {
    problems.push('a usage chunk was sent although the client did not ask for one');
  }
  chunks.forEach((chunk, position) => {
    if (chunk.choices.length > 0 && chunk.usage !== undefined && chunk.usage !== null) problems.push(`chunk ${position}: usage on a chunk with choices`);
  });
  return problems;
}

function toolCallViolations(chunks: readonly ChatCompletionChunk[]): string[] {
  const problems: string[] = [];
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  chunks.forEach((chunk, position) => {
    for (const delta of chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? [])) {
      const at = `chunk ${position}, tool call ${delta.index}`;
      const known = calls.get(delta.index);
      if (known === undefined) {
        if (delta.index !== calls.size) problems.push(`${at}: index should be ${calls.size} (counted among tool calls from 0)`);
        if (typeof delta.id !== 'string' || delta.id === '') problems.push(`${at}: the first delta has no id`);
        if (delta.type !== 'function') problems.push(`${at}: the first delta has no type "function"`);
        if (typeof delta.function?.name !== 'string' || delta.function.name === '') problems.push(`${at}: the first delta has no name`);
        if (delta.function?.arguments !== '') problems.push(`${at}: the first delta's arguments are ${JSON.stringify(delta.function?.arguments)}, not ""`);
        calls.set(delta.index, { id: delta.id ?? '', name: delta.function?.name ?? '', arguments: delta.function?.arguments ?? '' });
        continue;
      }
      if (delta.id !== undefined && delta.id !== known.id) problems.push(`${at}: id changed from ${known.id} to ${delta.id}`);
      if (delta.function?.name !== undefined && delta.function.name !== known.name) problems.push(`${at}: name changed`);
      known.arguments += delta.function?.arguments ?? '';
    }
  });
  for (const [index, call] of calls) {
    try {
      const parsed: unknown = JSON.parse(call.arguments);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) problems.push(`tool call ${index}: arguments are not a JSON object`);
    } catch {
      problems.push(`tool call ${index}: fragments do not concatenate to valid JSON: ${call.arguments}`);
    }
  }
  return problems;
}
