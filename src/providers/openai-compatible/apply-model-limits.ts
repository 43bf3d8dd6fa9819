/**
 * Agents send one set of defaults to every model — Claude Code: `max_tokens: 32000` and thinking,
 * which the Messages door turns into `reasoning_effort: "high"` — and a model that cannot take them
 * answers with its own 400. For the models in model-capabilities.ts:
 * - `max_tokens` / `max_completion_tokens` above the model's maximum are lowered to it. This does not
 *   change the answer: a limit above what the model can produce changes nothing the model writes.
 * - A model that cannot reason loses `reasoning_effort` (OpenAI: "Unrecognized request argument"):
 *   it cannot reason any harder, so the answer is the one it would give anyway.
 * - DeepSeek's deepseek-chat thinks only when asked with `thinking: {type:"enabled"}`, so a
 *   reasoning_effort other than `none` switches that on (otherwise the effort would be silently
 *   ignored), and the limit is then the thinking mode's; `none` becomes `thinking: {type:"disabled"}`.
 * Models not in the table get the request as sent.
 */
import { clampOutputTokens } from '../output-limit.js';
import { openAICompatibleModelCapabilities } from './model-capabilities.js';

type Body = Record<string, unknown>;

const LIMIT_FIELDS = ['max_tokens', 'max_completion_tokens'] as const;

export function applyModelLimits(body: Body, model: string): void {
  const capabilities = openAICompatibleModelCapabilities(model);
  let limit = capabilities.maxOutputTokens;
  const effort = body.reasoning_effort;
  if (capabilities.thinkingMode !== undefined) {
    if (effort === 'none') {
      delete body.reasoning_effort;
      body.thinking ??= { type: 'disabled' };
    } else if (typeof effort === 'string') {
      body.thinking ??= { type: 'enabled' };
    }
    if (thinkingEnabled(body.thinking)) limit = capabilities.thinkingMode.maxOutputTokens;
  } else if (capabilities.reasons === false) {
    delete body.reasoning_effort;
  }
  for (const field of LIMIT_FIELDS) {
    const requested = body[field];
    if (typeof requested === 'number') body[field] = clampOutputTokens(requested, limit);
  }
}

function thinkingEnabled(thinking: unknown): boolean {
  return typeof thinking === 'object' && thinking !== null && 'type' in thinking && thinking.type === 'enabled';
}
