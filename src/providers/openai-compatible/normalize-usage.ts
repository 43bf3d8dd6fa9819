/**
 * Vendor usage → OpenAI `CompletionUsage` semantics (protocols.md D): DeepSeek's
 * `prompt_cache_hit_tokens`, Moonshot's top-level `cached_tokens`, DashScope's
 * `cache_creation_input_tokens`, and xAI's `completion_tokens` that exclude reasoning.
 */
import { z } from 'zod';
import { buildUsage, type Usage } from '../../core/usage.js';

const count = z.number().int().nonnegative().catch(0);

const usageSchema = z.looseObject({
  prompt_tokens: count.default(0),
  completion_tokens: count.default(0),
  total_tokens: count.optional(),
  prompt_cache_hit_tokens: count.optional(),
  cached_tokens: count.optional(),
  cache_creation_input_tokens: count.optional(),
  prompt_tokens_details: z
    .looseObject({ cached_tokens: count.optional(), cache_write_tokens: count.optional(), cache_creation_input_tokens: count.optional() })
    .nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: count.optional() }).nullish(),
});

export function normalizeUsage(raw: unknown): Usage | undefined {
  const parsed = usageSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const usage = parsed.data;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? 0;
  let completion = usage.completion_tokens;
  // xAI reports reasoning outside completion_tokens: prompt + completion + reasoning = total.
  if (
    reasoning > 0 &&
    usage.total_tokens !== undefined &&
    usage.prompt_tokens + completion + reasoning === usage.total_tokens &&
    usage.prompt_tokens + completion !== usage.total_tokens
  ) {
    completion += reasoning;
  }
  return buildUsage({
    prompt: usage.prompt_tokens,
    completion,
    cachedRead: usage.prompt_tokens_details?.cached_tokens ?? usage.prompt_cache_hit_tokens ?? usage.cached_tokens ?? 0,
    cacheWrite:
      usage.prompt_tokens_details?.cache_write_tokens ??
      usage.prompt_tokens_details?.cache_creation_input_tokens ??
      usage.cache_creation_input_tokens ??
      0,
    reasoning,
  });
}
