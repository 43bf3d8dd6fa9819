/**
 * OpenAI `CompletionUsage` semantics, which every adapter normalises to: `prompt_tokens` includes
 * cached reads and cache writes; `completion_tokens` includes reasoning tokens.
 */
import { isCount } from './json-fields.js';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number; audio_tokens?: number; [extra: string]: unknown };
  completion_tokens_details?: { reasoning_tokens?: number; audio_tokens?: number; [extra: string]: unknown };
}

/** The flat numbers the gateway meters and prices. */
export interface TokenCounts {
  prompt: number;
  completion: number;
  cachedRead: number;
  cacheWrite: number;
  reasoning: number;
}

/** A token count as an upstream wrote it, read by hand: anything but a whole non-negative number counts as 0 (as a schema with `.catch(0)` reads it). */
export const countOrZero = (value: unknown): number => (isCount(value) ? value : 0);

export const zeroTokens = (): TokenCounts => ({ prompt: 0, completion: 0, cachedRead: 0, cacheWrite: 0, reasoning: 0 });

export function tokenCounts(usage: Usage | undefined | null): TokenCounts {
  if (!usage) return zeroTokens();
  return {
    prompt: usage.prompt_tokens,
    completion: usage.completion_tokens,
    cachedRead: usage.prompt_tokens_details?.cached_tokens ?? 0,
    cacheWrite: usage.prompt_tokens_details?.cache_write_tokens ?? 0,
    reasoning: usage.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

export function buildUsage(counts: TokenCounts): Usage {
  const usage: Usage = {
    prompt_tokens: counts.prompt,
    completion_tokens: counts.completion,
    total_tokens: counts.prompt + counts.completion,
    prompt_tokens_details: { cached_tokens: counts.cachedRead },
    completion_tokens_details: { reasoning_tokens: counts.reasoning },
  };
  if (counts.cacheWrite > 0 && usage.prompt_tokens_details) usage.prompt_tokens_details.cache_write_tokens = counts.cacheWrite;
  return usage;
}
