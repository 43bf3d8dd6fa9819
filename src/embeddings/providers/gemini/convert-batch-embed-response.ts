/**
 * Gemini `BatchEmbedContentsResponse` `{embeddings:[{values:[…]}]}` (same order as the requests,
 * https://ai.google.dev/api/embeddings#batchembedcontentsresponse) → the canonical result. Gemini
 * reports no token usage for embeddings, so prompt tokens are estimated (~4 characters a token).
 */
import { z } from 'zod';
import { upstreamError } from '../../../core/errors.js';
import type { EmbeddingContext } from '../../embedding-adapter.js';
import type { EmbeddingRequest } from '../../embedding-request.js';
import type { EmbeddingResult, EmbeddingVector } from '../../embedding-result.js';
import { estimateEmbeddingTokens } from '../../estimate-embedding-tokens.js';
import { floatVectorSchema } from '../../float-vector-schema.js';

const responseSchema = z.looseObject({
  embeddings: z.array(z.looseObject({ values: floatVectorSchema })),
});

export function convertGeminiBatchEmbedResponses(bodies: readonly unknown[], request: EmbeddingRequest, context: EmbeddingContext): EmbeddingResult {
  const vectors: EmbeddingVector[] = [];
  for (const body of bodies) {
    const parsed = responseSchema.safeParse(body);
    if (!parsed.success) throw upstreamError(`The upstream ${context.provider} answered batchEmbedContents with a body of an unexpected shape.`);
    for (const embedding of parsed.data.embeddings) vectors.push({ format: 'float', values: embedding.values });
  }
  const expected = request.input.items.length;
  if (vectors.length !== expected) throw upstreamError(`The upstream ${context.provider} returned ${vectors.length} embeddings for ${expected} inputs.`);
  return { vectors, model: context.upstreamModel, promptTokens: estimateEmbeddingTokens(request.input), estimated: true };
}
