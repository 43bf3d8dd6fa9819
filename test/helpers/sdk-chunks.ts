/**
 * Reading what the official SDK hands back from a streamed chat, including the provider extras it
 * has no types for (`reasoning_content`, `reasoning_details`), which are validated, not cast.
 */
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { reasoningDetailSchema, type ReasoningDetail } from '../../src/core/reasoning-details.js';

const extrasSchema = z.looseObject({
  reasoning_content: z.string().nullish(),
  reasoning_details: z.array(reasoningDetailSchema).nullish(),
});

export async function readChunks(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** The non-empty content deltas, in order. */
export function contentDeltas(chunks: readonly ChatCompletionChunk[]): string[] {
  return chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? '')).filter((text) => text !== '');
}

/** `reasoning_content` and `reasoning_details` of a message or a delta. */
export function reasoningOf(messageOrDelta: object): { content: string; details: ReasoningDetail[] } {
  const extras = extrasSchema.parse(messageOrDelta);
  return { content: extras.reasoning_content ?? '', details: extras.reasoning_details ?? [] };
}

/** Reasoning accumulated over a stream's deltas (what a client keeps to send back). */
export function streamedReasoning(chunks: readonly ChatCompletionChunk[]): { content: string; details: ReasoningDetail[] } {
  const parts = chunks.flatMap((chunk) => chunk.choices.map((choice) => reasoningOf(choice.delta)));
  return { content: parts.map((part) => part.content).join(''), details: parts.flatMap((part) => part.details) };
}
