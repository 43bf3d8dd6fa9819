/**
 * `max_tokens` and `reasoning_effort` → Anthropic `max_tokens`, `thinking` and `output_config.effort`
 * (https://docs.claude.com/en/docs/build-with-claude/extended-thinking, .../effort).
 *
 * max_tokens: `max_completion_tokens ?? max_tokens`, else the model's maximum output (Anthropic
 * requires a value; OpenAI's default is "as long as the model needs", which a small default such as
 * 4096 would silently truncate); requests above a known model maximum are clamped to it.
 * As in OpenAI, the limit includes reasoning: the thinking budget is carved out of it, never added.
 *
 * Budget models (3.7, 4.0–4.5): `thinking: {type:"enabled", budget_tokens}` with a budget per
 * effort (minimal 1024 … max 64000), at most ¾ of max_tokens so the answer keeps room, at least
 * Anthropic's minimum of 1024 and always below max_tokens.
 * Adaptive models (4.6+): `thinking: {type:"adaptive", display:"summarized"}` (4.7+ otherwise omit
 * the thinking text) and `output_config.effort` (minimal→low).
 * `none` → `thinking: {type:"disabled"}`, sent explicitly because newer models may think by default.
 */
import type { ChatRequest } from '../../core/chat-request.js';
import { unsupportedParameter } from '../../core/errors.js';
import type { AnthropicEffort, AnthropicThinking } from './anthropic-request-types.js';
import { FALLBACK_MAX_TOKENS, type ClaudeCapabilities } from './model-capabilities.js';

type Effort = NonNullable<ChatRequest['reasoning_effort']>;

const BUDGET: Readonly<Record<Exclude<Effort, 'none'>, number>> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 24_576,
  xhigh: 32_768,
  max: 64_000,
};

const ADAPTIVE_EFFORT: Readonly<Record<Exclude<Effort, 'none'>, AnthropicEffort>> = {
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'xhigh',
  max: 'max',
};

const MIN_BUDGET = 1024;

export function resolveMaxTokens(request: ChatRequest, capabilities: ClaudeCapabilities): number {
  const requested = request.max_completion_tokens ?? request.max_tokens ?? null;
  const modelMax = capabilities.maxOutputTokens;
  if (requested === null) return modelMax ?? FALLBACK_MAX_TOKENS;
  return modelMax !== null && requested > modelMax ? modelMax : requested;
}

export interface ReasoningPlan {
  thinking?: AnthropicThinking;
  effort?: AnthropicEffort;
  /** Whether Claude may think: sampling and forced-tool rules depend on it. */
  active: boolean;
}

export function mapReasoningEffort(
  request: ChatRequest,
  maxTokens: number,
  capabilities: ClaudeCapabilities,
  model: string,
): ReasoningPlan {
  const effort = request.reasoning_effort;
  if (effort === null || effort === undefined) return { active: false };
  if (capabilities.thinking === 'none') {
    if (effort === 'none') return { active: false };
    throw unsupportedParameter('reasoning_effort', `The model ${model} has no extended thinking; remove reasoning_effort.`);
  }
  if (effort === 'none') return { thinking: { type: 'disabled' }, active: false };
  if (capabilities.thinking === 'adaptive') {
    return { thinking: { type: 'adaptive', display: 'summarized' }, effort: ADAPTIVE_EFFORT[effort], active: true };
  }
  const budget = Math.max(MIN_BUDGET, Math.min(BUDGET[effort], Math.floor((maxTokens * 3) / 4)));
  if (budget >= maxTokens) {
    const param = request.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens';
    throw unsupportedParameter(
      param,
      `Claude's extended thinking needs a budget of at least ${MIN_BUDGET} tokens inside ${param}; raise ${param} above ${MIN_BUDGET} or remove reasoning_effort.`,
    );
  }
  return { thinking: { type: 'enabled', budget_tokens: budget }, active: true };
}
