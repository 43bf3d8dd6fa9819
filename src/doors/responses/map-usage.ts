/**
 * Canonical usage (OpenAI `CompletionUsage` semantics) ↔ Responses `ResponseUsage`
 * (https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage). The
 * semantics are the same — input includes cached tokens, output includes reasoning tokens — only
 * the names differ.
 */
import { z } from 'zod';
import { buildUsage, tokenCounts, type Usage } from '../../core/usage.js';
import type { ResponseUsage } from './response-types.js';

export function toResponseUsage(usage: Usage): ResponseUsage {
  const counts = tokenCounts(usage);
  return {
    input_tokens: counts.prompt,
    input_tokens_details: { cached_tokens: counts.cachedRead },
    output_tokens: counts.completion,
    output_tokens_details: { reasoning_tokens: counts.reasoning },
    total_tokens: counts.prompt + counts.completion,
  };
}

const count = z.number().int().nonnegative().catch(0);
const responseUsageSchema = z.looseObject({
  input_tokens: count.default(0),
  output_tokens: count.default(0),
  input_tokens_details: z.looseObject({ cached_tokens: count.optional() }).nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: count.optional() }).nullish(),
});

/** An upstream's Responses usage (native passthrough) in canonical terms; undefined when absent. */
export function fromResponseUsage(raw: unknown): Usage | undefined {
  const parsed = responseUsageSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const usage = parsed.data;
  return buildUsage({
    prompt: usage.input_tokens,
    completion: usage.output_tokens,
    cachedRead: usage.input_tokens_details?.cached_tokens ?? 0,
    cacheWrite: 0,
    reasoning: usage.output_tokens_details?.reasoning_tokens ?? 0,
  });
}
