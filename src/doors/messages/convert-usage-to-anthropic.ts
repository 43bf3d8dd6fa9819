/**
 * Canonical usage (OpenAI semantics: `prompt_tokens` includes cache reads and writes) → Anthropic's,
 * whose `input_tokens` exclude both (https://docs.claude.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance):
 * input = prompt − cached − cache writes, cache_read = cached, cache_creation = cache writes,
 * output = completion (which includes reasoning, as Anthropic's does), thinking_tokens = reasoning.
 * The inverse of src/providers/anthropic/convert-anthropic-usage.ts.
 */
import type { Usage } from '../../core/usage.js';
import type { MessagesUsage } from './messages-response-types.js';

export function convertUsageToAnthropic(usage: Usage | null | undefined): MessagesUsage {
  if (!usage) return { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const cacheRead = usage.prompt_tokens_details?.cached_tokens ?? 0;
  const cacheWrite = usage.prompt_tokens_details?.cache_write_tokens ?? 0;
  const out: MessagesUsage = {
    input_tokens: Math.max(0, usage.prompt_tokens - cacheRead - cacheWrite),
    output_tokens: usage.completion_tokens,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (reasoning !== undefined) out.output_tokens_details = { thinking_tokens: reasoning };
  return out;
}
