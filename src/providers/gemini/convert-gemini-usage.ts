/**
 * Gemini `usageMetadata` → OpenAI usage (protocols.md E.5; https://ai.google.dev/api/generate-content#UsageMetadata).
 * `promptTokenCount` already includes cached content; `candidatesTokenCount` excludes thoughts, so
 * completion = candidates + thoughts (OpenAI counts reasoning inside completion_tokens).
 */
import { buildUsage, type Usage } from '../../core/usage.js';
import type { GeminiUsageMetadata } from './upstream-schema.js';

export function convertGeminiUsage(metadata: GeminiUsageMetadata | null | undefined): Usage | undefined {
  if (metadata === null || metadata === undefined) return undefined;
  const thoughts = metadata.thoughtsTokenCount ?? 0;
  return buildUsage({
    prompt: (metadata.promptTokenCount ?? 0) + (metadata.toolUsePromptTokenCount ?? 0),
    completion: (metadata.candidatesTokenCount ?? 0) + thoughts,
    cachedRead: metadata.cachedContentTokenCount ?? 0,
    cacheWrite: 0,
    reasoning: thoughts,
  });
}
