/**
 * Gemini `logprobsResult` (https://ai.google.dev/api/generate-content#LogprobsResult) → OpenAI
 * `choices[].logprobs` (`{content: TokenLogprob[], refusal: null}`, protocols.md A.4).
 * `chosenCandidates[i]` is the sampled token at step i and `topCandidates[i]` its alternatives.
 */
import type { GeminiLogprobCandidate, GeminiLogprobsResult } from './upstream-schema.js';

interface TopLogprob {
  token: string;
  logprob: number;
  bytes: number[];
}

export interface ChoiceLogprobs {
  content: (TopLogprob & { top_logprobs: TopLogprob[] })[];
  refusal: null;
}

export function convertLogprobs(result: GeminiLogprobsResult | null | undefined): ChoiceLogprobs | null {
  if (result === null || result === undefined || !result.chosenCandidates) return null;
  const top = result.topCandidates ?? [];
  return {
    content: result.chosenCandidates.map((chosen, step) => ({
      ...token(chosen),
      top_logprobs: (top[step]?.candidates ?? []).map(token),
    })),
    refusal: null,
  };
}

function token(candidate: GeminiLogprobCandidate): TopLogprob {
  const text = candidate.token ?? '';
  return { token: text, logprob: candidate.logProbability ?? 0, bytes: [...Buffer.from(text, 'utf8')] };
}
