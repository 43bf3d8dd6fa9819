/**
 * Anthropic usage → OpenAI usage (protocols.md E.2). Anthropic's `input_tokens` exclude cache reads
 * and cache writes (https://docs.claude.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance),
 * OpenAI's `prompt_tokens` include both: prompt = input + cache_read + cache_creation,
 * cached_tokens = cache_read, cache_write_tokens = cache_creation; output tokens already include
 * thinking, broken out as reasoning_tokens when Anthropic reports them.
 */
import { buildUsage, type Usage } from '../../core/usage.js';
import type { AnthropicUsage } from './anthropic-response-schema.js';

export interface AnthropicTokenCounts {
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  thinking: number;
}

export const emptyAnthropicCounts = (): AnthropicTokenCounts => ({ input: 0, cacheRead: 0, cacheWrite: 0, output: 0, thinking: 0 });

/** Applies a usage object over earlier counts: fields that are absent or null keep their value. */
export function mergeAnthropicUsage(counts: AnthropicTokenCounts, usage: AnthropicUsage | null | undefined): AnthropicTokenCounts {
  if (!usage) return counts;
  return {
    input: usage.input_tokens ?? counts.input,
    cacheRead: usage.cache_read_input_tokens ?? counts.cacheRead,
    cacheWrite: usage.cache_creation_input_tokens ?? counts.cacheWrite,
    output: usage.output_tokens ?? counts.output,
    thinking: usage.output_tokens_details?.thinking_tokens ?? counts.thinking,
  };
}

export function convertAnthropicUsage(counts: AnthropicTokenCounts): Usage {
  return buildUsage({
    prompt: counts.input + counts.cacheRead + counts.cacheWrite,
    completion: counts.output,
    cachedRead: counts.cacheRead,
    cacheWrite: counts.cacheWrite,
    reasoning: counts.thinking,
  });
}
