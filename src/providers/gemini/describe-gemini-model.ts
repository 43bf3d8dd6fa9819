/**
 * What differs between Gemini model generations, read from the model id. Sources: thinking
 * (https://ai.google.dev/gemini-api/docs/thinking: `thinkingLevel` from Gemini 3, `thinkingBudget` on 2.5,
 * Pro cannot turn thinking off), thought signatures (https://ai.google.dev/gemini-api/docs/thought-signatures:
 * enforced for function calls from Gemini 3), JSON Schema support (`parametersJsonSchema` /
 * `responseJsonSchema`, used by js-genai since v1.9 for current models), Gemma (no system instruction),
 * output limits (https://ai.google.dev/gemini-api/docs/models: each model's "Output token limit").
 */
import type { OutputLimit } from '../output-limit.js';

/** `maxOutputTokens`: the largest `maxOutputTokens` the model accepts; null when unknown (nothing is clamped). */
export interface GeminiModelTraits extends OutputLimit {
  id: string;
  /** `major.minor` of a `gemini-X.Y-…` id; null for aliases (`gemini-flash-latest`), Gemma and tuned models. */
  version: number | null;
  gemma: boolean;
  pro: boolean;
  flashLite: boolean;
  /** How reasoning effort is expressed, or 'none' when the model does not think. */
  thinking: 'level' | 'budget' | 'none';
  /** Gemini 3+ rejects a replayed functionCall without its signature. */
  requiresThoughtSignatures: boolean;
  /** Accepts full JSON Schema (`parametersJsonSchema`, `responseJsonSchema`); otherwise the OpenAPI subset. */
  jsonSchema: boolean;
  systemInstruction: boolean;
}

export function describeGeminiModel(model: string): GeminiModelTraits {
  const id = model.replace(/^models\//, '').toLowerCase();
  const gemini = /^gemini-(\d+(?:\.\d+)?)/.exec(id);
  const gemma = /^gemma-(\d+)/.exec(id);
  const version = gemini?.[1] === undefined ? null : Number(gemini[1]);
  const gemmaVersion = gemma?.[1] === undefined ? null : Number(gemma[1]);
  return {
    id: model,
    version,
    gemma: gemma !== null,
    pro: /-pro\b/.test(id),
    flashLite: id.includes('flash-lite'),
    thinking: thinkingStyle(version, gemmaVersion, id),
    maxOutputTokens: outputLimit(version, id),
    requiresThoughtSignatures: version !== null && version >= 3,
    jsonSchema: gemma === null && (version === null || version >= 2.5),
    systemInstruction: gemma === null,
  };
}

function thinkingStyle(version: number | null, gemmaVersion: number | null, id: string): GeminiModelTraits['thinking'] {
  if (gemmaVersion !== null) return gemmaVersion >= 4 ? 'level' : 'none';
  if (version === null) return 'budget'; // aliases and tuned models: thinkingBudget is understood by 2.5 and 3
  if (version >= 3) return 'level';
  if (version >= 2.5 || id.includes('thinking')) return 'budget';
  return 'none';
}

/**
 * Gemini 2.5 and 3 text models write up to 65,536 tokens (their image, TTS and live variants fewer:
 * 65,536 is still above what those accept, so it only leaves their own 400 in place, never cuts an
 * answer short); 1.5 and 2.0 up to 8,192, except 2.0 Flash Thinking (65,536). Aliases, Gemma, tuned
 * and later models are unknown.
 */
function outputLimit(version: number | null, id: string): number | null {
  if (version === null) return null;
  if (version >= 2.5 && version < 4) return 65_536;
  if (version === 2 && id.includes('thinking')) return 65_536;
  if (version === 1.5 || version === 2) return 8_192;
  return null;
}
