/**
 * An OpenAI-shaped embeddings answer (https://platform.openai.com/docs/api-reference/embeddings/object)
 * → the canonical result: vectors in input order (by `index`; some servers list them out of order),
 * one per input, floats or — when asked for — base64 float32 strings. An upstream that reports no
 * usage (older Ollama, some self-hosted servers) is metered by estimate.
 */
import { z } from 'zod';
import { upstreamError } from '../../../core/errors.js';
import type { EmbeddingContext } from '../../embedding-adapter.js';
import type { EmbeddingRequest } from '../../embedding-request.js';
import type { EmbeddingResult, EmbeddingVector } from '../../embedding-result.js';
import { estimateEmbeddingTokens } from '../../estimate-embedding-tokens.js';
import { floatVectorSchema } from '../../float-vector-schema.js';
import { isFloat32Base64 } from '../../float32-base64.js';

const responseSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      index: z.number().int().nonnegative().optional(),
      embedding: z.union([floatVectorSchema, z.string()]),
    }),
  ),
  model: z.string().optional(),
  usage: z.looseObject({ prompt_tokens: z.number().int().nonnegative() }).nullish(),
});

export function convertOpenAICompatibleEmbeddingsResponse(body: unknown, request: EmbeddingRequest, context: EmbeddingContext): EmbeddingResult {
  const parsed = responseSchema.safeParse(body);
  if (!parsed.success) throw upstreamError(`The upstream ${context.provider} answered with an embeddings body of an unexpected shape.`);
  const expected = request.input.items.length;
  const { data } = parsed.data;
  if (data.length !== expected) {
    throw upstreamError(`The upstream ${context.provider} returned ${data.length} embeddings for ${expected} inputs.`);
  }
  const vectors = new Array<EmbeddingVector | undefined>(expected);
  for (const [position, item] of data.entries()) {
    const index = item.index ?? position;
    if (index >= expected || vectors[index] !== undefined) throw upstreamError(`The upstream ${context.provider} returned embedding indexes that do not match the inputs.`);
    vectors[index] = toVector(item.embedding, context.provider);
  }
  const ordered: EmbeddingVector[] = [];
  for (const vector of vectors) {
    if (vector === undefined) throw upstreamError(`The upstream ${context.provider} returned embedding indexes that do not match the inputs.`);
    ordered.push(vector);
  }
  const usage = parsed.data.usage;
  return {
    vectors: ordered,
    model: parsed.data.model ?? context.upstreamModel,
    promptTokens: usage?.prompt_tokens ?? estimateEmbeddingTokens(request.input),
    estimated: usage === null || usage === undefined,
  };
}

function toVector(embedding: number[] | string, provider: string): EmbeddingVector {
  if (typeof embedding !== 'string') return { format: 'float', values: embedding };
  if (!isFloat32Base64(embedding)) throw upstreamError(`The upstream ${provider} returned an embedding that is not base64 of float32 values.`);
  return { format: 'base64', data: embedding };
}
