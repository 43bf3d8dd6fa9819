/**
 * The output limit every provider's capability table knows per model (anthropic/model-capabilities.ts,
 * openai-compatible/model-capabilities.ts, gemini/describe-gemini-model.ts), and the one clamp they share.
 *
 * Clamping a requested limit to the model's own maximum is not a silent change of the answer: a
 * limit above what the model can produce changes nothing the model writes — it only turns the
 * provider's 400 ("max_tokens is too large") into the answer the model would have given anyway.
 * So the table must never state a limit below the real one; a model we cannot place is `null`.
 */
export interface OutputLimit {
  /** Largest output (`max_tokens` / `maxOutputTokens`) the model accepts; null when unknown (then nothing is clamped). */
  maxOutputTokens: number | null;
}

/** The requested limit, lowered to the model's maximum when both are known. */
export function clampOutputTokens<T extends number | null | undefined>(requested: T, limit: number | null): T | number {
  if (typeof requested !== 'number' || limit === null) return requested;
  return Math.min(requested, limit);
}
