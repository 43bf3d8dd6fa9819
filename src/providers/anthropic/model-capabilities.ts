/**
 * What each Claude model accepts, derived from its id (dated ids such as
 * `claude-sonnet-4-5-20250929` and aliases such as `claude-3-5-haiku-latest` included).
 * Sources: https://docs.claude.com/en/docs/about-claude/models/overview (max output),
 * https://docs.claude.com/en/docs/build-with-claude/extended-thinking and
 * .../structured-outputs; vercel/ai packages/anthropic `getModelCapabilities` /
 * `rejectsSamplingParameters`; BerriAI/litellm#15097 (temperature + top_p on Claude 4.5+).
 */

import type { OutputLimit } from '../output-limit.js';

/** `maxOutputTokens`: the largest `max_tokens` the model accepts; null for an id we cannot place (then nothing is clamped). */
export interface ClaudeCapabilities extends OutputLimit {
  /**
   * `budget`: `thinking: {type:"enabled", budget_tokens}`; `adaptive`: `thinking: {type:"adaptive"}`
   * plus `output_config.effort` (Claude 4.6+); `none`: no extended thinking (Claude 3.5 and older).
   */
  thinking: 'none' | 'budget' | 'adaptive';
  /** `output_config.format` (native JSON-schema structured output) and `strict` tools. */
  nativeStructuredOutput: boolean;
  /** `temperature` and `top_p` cannot both be sent (Claude 4.5 and later). */
  exclusiveTemperatureTopP: boolean;
  /** Only the default sampling values are accepted (Opus 4.7+, Claude 5): temperature 1, top_p ≥ 0.99. */
  onlyDefaultSampling: boolean;
}

const UNKNOWN: ClaudeCapabilities = {
  maxOutputTokens: null,
  thinking: 'budget',
  nativeStructuredOutput: false,
  exclusiveTemperatureTopP: true,
  onlyDefaultSampling: false,
};

/** Reads `family` and `major.minor` from both naming schemes: `claude-3-5-sonnet` and `claude-sonnet-4-5`. */
function parseModelId(modelId: string): { family: string; version: number } | null {
  const id = modelId.toLowerCase().replace(/^.*\//, '');
  const legacy = /^claude-(\d+)(?:-(\d))?-(opus|sonnet|haiku)\b/.exec(id);
  if (legacy) return { family: legacy[3] ?? '', version: Number(legacy[1]) + Number(legacy[2] ?? 0) / 10 };
  // The minor version is one digit; an 8-digit date (claude-sonnet-4-20250514) is not a minor version.
  const modern = /^claude-([a-z]+)-(\d+)(?:-(\d)(?!\d))?/.exec(id);
  if (modern) return { family: modern[1] ?? '', version: Number(modern[2]) + Number(modern[3] ?? 0) / 10 };
  return null;
}

export function claudeCapabilities(modelId: string): ClaudeCapabilities {
  const parsed = parseModelId(modelId);
  if (parsed === null) return UNKNOWN;
  const { family, version } = parsed;
  if (version < 3.5) {
    return { ...UNKNOWN, maxOutputTokens: 4096, thinking: 'none', exclusiveTemperatureTopP: false };
  }
  if (version < 3.7) {
    return { ...UNKNOWN, maxOutputTokens: 8192, thinking: 'none', exclusiveTemperatureTopP: false };
  }
  if (version < 4.5) {
    return {
      ...UNKNOWN,
      maxOutputTokens: family === 'opus' ? 32_000 : 64_000,
      // Opus 4.1 was the first model with structured outputs (structured-outputs launch post).
      nativeStructuredOutput: family === 'opus' && version >= 4.1,
      exclusiveTemperatureTopP: false,
    };
  }
  if (version < 4.6) return { ...UNKNOWN, maxOutputTokens: 64_000, nativeStructuredOutput: true };
  // 4.6 and later (including future ids we extrapolate to, as vercel does): adaptive thinking.
  return {
    maxOutputTokens: 128_000,
    thinking: 'adaptive',
    nativeStructuredOutput: true,
    exclusiveTemperatureTopP: true,
    onlyDefaultSampling: version >= 4.7,
  };
}

/** Default `max_tokens` when the client sets none (Anthropic requires one): the model's maximum, else 4096. */
export const FALLBACK_MAX_TOKENS = 4096;
