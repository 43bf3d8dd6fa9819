/**
 * The OpenAI `CreateEmbeddingResponse` (https://platform.openai.com/docs/api-reference/embeddings/object):
 * `{object:"list", data:[{object:"embedding", index, embedding}], model, usage:{prompt_tokens, total_tokens}}`,
 * each embedding a list of floats or, for `encoding_format: "base64"`, a base64 string.
 */
import type { EncodingFormat } from './embedding-request.js';
import { asBase64, asFloats, type EmbeddingResult } from './embedding-result.js';

export interface EmbeddingObject {
  object: 'embedding';
  index: number;
  embedding: readonly number[] | string;
}

export interface EmbeddingsResponse {
  object: 'list';
  data: EmbeddingObject[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

export function encodeEmbeddingsResponse(result: EmbeddingResult, format: EncodingFormat): EmbeddingsResponse {
  return {
    object: 'list',
    data: result.vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: format === 'base64' ? asBase64(vector) : asFloats(vector),
    })),
    model: result.model,
    usage: { prompt_tokens: result.promptTokens, total_tokens: result.promptTokens },
  };
}
