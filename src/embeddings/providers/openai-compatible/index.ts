/** Embeddings over OpenAI's `/embeddings` wire: OpenAI, Azure and the vendors in embedding-vendors.ts. */
import { mapOpenAICompatibleError } from '../../../providers/openai-compatible/map-error.js';
import type { EmbeddingAdapter } from '../../embedding-adapter.js';
import { buildOpenAICompatibleEmbeddingsRequest, refuseForVendor } from './build-embeddings-request.js';
import { convertOpenAICompatibleEmbeddingsResponse } from './convert-embeddings-response.js';
import type { EmbeddingQuirks } from './embedding-quirks.js';

export type { EmbeddingQuirks };

export function openAICompatibleEmbeddingAdapter(quirks: EmbeddingQuirks): EmbeddingAdapter {
  return {
    refuse: (request, endpoint) => refuseForVendor(request, endpoint, quirks),
    buildRequests: (request, endpoint, context) => [buildOpenAICompatibleEmbeddingsRequest(request, endpoint, context, quirks)],
    convertResponses: (bodies, request, context) => {
      const [body] = bodies;
      return convertOpenAICompatibleEmbeddingsResponse(body, request, context, quirks.conformant === true);
    },
    mapError: (status, body, headers) => mapOpenAICompatibleError(status, body, headers),
  };
}
