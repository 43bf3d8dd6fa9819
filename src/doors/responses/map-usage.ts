/**
 * Canonical usage (OpenAI `CompletionUsage` semantics) ↔ Responses `ResponseUsage`
 * (https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage). The
 * semantics are the same — input includes cached tokens, output includes reasoning tokens — only
 * the names differ.
 */
import { isFields } from '../../core/json-fields.js';
import { buildUsage, countOrZero as countOf, tokenCounts, type Usage } from '../../core/usage.js';
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

/** A details object's count: 0 when the object is absent, null when it is not an object (the usage is then unreadable). */
function detailOf(details: unknown, key: string): number | null {
  if (details === undefined || details === null) return 0;
  return isFields(details) ? countOf(details[key]) : null;
}

/** An upstream's Responses usage (native passthrough) in canonical terms; undefined when absent. Read by hand: it is read on every native call. */
export function fromResponseUsage(raw: unknown): Usage | undefined {
  if (!isFields(raw)) return undefined;
  const cachedRead = detailOf(raw.input_tokens_details, 'cached_tokens');
  const reasoning = detailOf(raw.output_tokens_details, 'reasoning_tokens');
  if (cachedRead === null || reasoning === null) return undefined;
  return buildUsage({ prompt: countOf(raw.input_tokens), completion: countOf(raw.output_tokens), cachedRead, cacheWrite: 0, reasoning });
}
