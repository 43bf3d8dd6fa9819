/**
 * `temperature`, `top_p` and `stop` → Anthropic sampling fields, under `anthropic-version: 2023-06-01`
 * (https://docs.claude.com/en/api/messages; protocols.md B.2 and E.1 step 7).
 * A value Claude cannot honour is a 400 `unsupported_parameter` (it would change the answer):
 * temperature above 1 (Anthropic's range is 0..1), temperature ≠ 1 or top_p < 0.95 with extended
 * thinking (https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility),
 * non-default sampling on models that only accept the defaults, whitespace-only stop sequences.
 * Claude 4.5+ reject `temperature` together with `top_p` (BerriAI/litellm#15097): then only
 * `temperature` is sent, the stronger of the two controls.
 */
import type { ChatRequest } from '../../core/chat-request.js';
import { unsupportedParameter } from '../../core/errors.js';
import type { ClaudeCapabilities } from './model-capabilities.js';

export interface SamplingPlan {
  temperature?: number;
  top_p?: number;
  stop_sequences?: string[];
}

export function mapSampling(
  request: ChatRequest,
  capabilities: ClaudeCapabilities,
  thinking: boolean,
  model: string,
): SamplingPlan {
  const plan: SamplingPlan = {};
  const temperature = request.temperature;
  if (temperature !== null && temperature !== undefined) {
    if (temperature > 1) {
      throw unsupportedParameter('temperature', `Anthropic models accept a temperature between 0 and 1; got ${temperature}.`);
    }
    if (thinking && temperature !== 1) {
      throw unsupportedParameter(
        'temperature',
        'Claude cannot change temperature while extended thinking is on: remove temperature (or set it to 1), or remove reasoning_effort.',
      );
    }
    if (capabilities.onlyDefaultSampling && temperature !== 1) {
      throw unsupportedParameter('temperature', `The model ${model} only supports the default temperature (1); remove temperature.`);
    }
    if (!thinking && !capabilities.onlyDefaultSampling) plan.temperature = temperature;
  }

  const topP = request.top_p;
  if (topP !== null && topP !== undefined) {
    const floor = capabilities.onlyDefaultSampling ? 0.99 : thinking ? 0.95 : 0;
    if (topP < floor) {
      throw unsupportedParameter(
        'top_p',
        capabilities.onlyDefaultSampling
          ? `The model ${model} only supports the default top_p; remove top_p.`
          : 'With extended thinking Claude accepts top_p between 0.95 and 1 only; raise top_p or remove reasoning_effort.',
      );
    }
    const redundant = topP === 1 || capabilities.onlyDefaultSampling;
    const conflicts = capabilities.exclusiveTemperatureTopP && plan.temperature !== undefined;
    if (!redundant && !conflicts) plan.top_p = topP;
  }

  const stop = request.stop;
  if (stop !== null && stop !== undefined) {
    const sequences = typeof stop === 'string' ? [stop] : stop;
    if (sequences.some((sequence) => sequence.trim() === '')) {
      throw unsupportedParameter('stop', 'Anthropic rejects stop sequences that are empty or only whitespace (such as "\\n").');
    }
    if (sequences.length > 0) plan.stop_sequences = [...sequences];
  }
  return plan;
}
