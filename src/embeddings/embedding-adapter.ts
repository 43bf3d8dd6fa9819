/**
 * What an embeddings adapter is: pure functions from the canonical request to one or more upstream
 * requests (Gemini takes at most 100 inputs a call) and from their answers back to one result. Like
 * the chat adapters (src/providers/adapter.ts) it never touches HTTP, config or the store.
 */
import type { ProviderEndpoint } from '../config/config.js';
import type { GatewayError } from '../core/errors.js';
import type { UpstreamRequest } from '../providers/adapter.js';
import type { EmbeddingRequest } from './embedding-request.js';
import type { EmbeddingResult } from './embedding-result.js';

export interface EmbeddingContext {
  /** The provider's model id for this deployment. */
  upstreamModel: string;
  /** The deployment's provider name, for messages. */
  provider: string;
}

export interface EmbeddingAdapter {
  /** Why this deployment cannot honour the request (a 400 to answer with), or null when it can. */
  refuse(request: EmbeddingRequest, endpoint: ProviderEndpoint): GatewayError | null;
  buildRequests(request: EmbeddingRequest, endpoint: ProviderEndpoint, context: EmbeddingContext): UpstreamRequest[];
  /** The parsed JSON bodies of every upstream answer, in the order of `buildRequests`. */
  convertResponses(bodies: readonly unknown[], request: EmbeddingRequest, context: EmbeddingContext): EmbeddingResult;
  mapError(status: number, body: string, headers: Readonly<Record<string, string | string[] | undefined>>): GatewayError;
}
