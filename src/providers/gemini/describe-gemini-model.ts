/**
 * What differs between Gemini model generations, read from the model id. Sources: thinking
 * (https://ai.google.dev/gemini-api/docs/thinking: `thinkingLevel` from Gemini 3, `thinkingBudget` on 2.5,
 * Pro cannot turn thinking off), thought signatures (https://ai.google.dev/gemini-api/docs/thought-signatures:
 * enforced for function calls from Gemini 3), JSON Schema support (`parametersJsonSchema` /
 * `responseJsonSchema`, used by js-genai since v1.9 for current models), Gemma (no system instruction).
 */
export interface GeminiModelTraits {
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
