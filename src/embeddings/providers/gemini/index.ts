/** Embeddings over Gemini's own wire (generativelanguage v1beta `batchEmbedContents`). */
import { mapGeminiError } from '../../../providers/gemini/map-error.js';
import type { EmbeddingAdapter } from '../../embedding-adapter.js';
import { buildGeminiBatchEmbedRequests, refuseForGemini } from './build-batch-embed-request.js';
import { convertGeminiBatchEmbedResponses } from './convert-batch-embed-response.js';

export const geminiEmbeddingAdapter: EmbeddingAdapter = {
  refuse: refuseForGemini,
  buildRequests: buildGeminiBatchEmbedRequests,
  convertResponses: convertGeminiBatchEmbedResponses,
  mapError: mapGeminiError,
};
