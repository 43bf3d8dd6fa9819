/**
 * Anthropic `thinking` and `output_config.effort` → canonical `reasoning_effort`
 * (https://docs.claude.com/en/docs/build-with-claude/extended-thinking, .../effort).
 *
 * - With thinking on, `output_config.effort` is the effort itself (low … max are canonical values
 *   too) and wins. Without thinking (absent or disabled) the effort is dropped: there it only
 *   tunes how thorough Claude's text is, not reasoning, and would turn on thinking where that costs
 *   extra (DeepSeek) — Claude Code sends `effort` even with thinking off. (For models known not to
 *   reason the adapters drop reasoning_effort anyway: src/providers/openai-compatible/model-capabilities.ts.)
 * - `{type:"enabled", budget_tokens}`: budget < 4096 → low, < 16384 → medium, else high. The bands
 *   contain the budgets the Anthropic adapter sends for each effort (2048, 8192, 24576;
 *   src/providers/anthropic/map-reasoning-effort.ts), so a request that comes back to Claude keeps
 *   its effort. Claude Code's default (31999 of 32000) is high.
 * - `{type:"adaptive"}` without an effort → high, Anthropic's default effort.
 * - `{type:"disabled"}` → no reasoning_effort: Anthropic's default is not to think, and `"none"` is
 *   refused by most non-reasoning OpenAI-format models (a model that always reasons still will).
 * - Newer thinking types (`between_tools`, …) have no canonical meaning: refused when translating.
 * `display: "omitted"` is dropped: the thinking still happens, only its text is not returned.
 */
import type { ChatRequest } from '../../core/chat-request.js';
import type { MessagesRequest, MessagesThinking } from './messages-request-schema.js';
import type { Refusals } from './translation-refusals.js';

export type ReasoningEffort = NonNullable<ChatRequest['reasoning_effort']>;

export function effortOfBudget(budgetTokens: number): ReasoningEffort {
  if (budgetTokens < 4096) return 'low';
  if (budgetTokens < 16_384) return 'medium';
  return 'high';
}

export function mapThinking(
  thinking: MessagesThinking | undefined,
  outputConfig: MessagesRequest['output_config'],
  refusals: Refusals,
): ReasoningEffort | undefined {
  const effort = outputConfig?.effort ?? undefined;
  if (thinking === undefined) return undefined;
  switch (thinking.type) {
    case 'disabled':
      return undefined;
    case 'enabled':
      return effort ?? effortOfBudget(thinking.budget_tokens);
    case 'adaptive':
      return effort ?? 'high';
    case 'other':
      refusals.add('thinking.type', `The thinking type "${thinking.actualType}" has no equivalent in other providers' APIs.`);
      return undefined;
  }
}
