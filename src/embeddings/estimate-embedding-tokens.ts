/**
 * Prompt tokens of an embeddings request before (or without) the upstream's count: token arrays are
 * counted exactly; text is guessed at about 4 characters a token (OpenAI's rule of thumb,
 * https://help.openai.com/en/articles/4936856). Used to admit TPM and budget holds, and as the usage
 * of upstreams that report none (Gemini's batchEmbedContents returns no token count).
 */
import type { EmbeddingInput } from './embedding-request.js';

export function estimateEmbeddingTokens(input: EmbeddingInput): number {
  let tokens = 0;
  if (input.kind === 'tokens') {
    for (const item of input.items) tokens += item.length;
    return tokens;
  }
  for (const item of input.items) tokens += Math.max(1, Math.ceil(item.length / 4));
  return tokens;
}
