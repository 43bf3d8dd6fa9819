/**
 * An OpenAI embeddings request → an OpenAI-compatible vendor's: the body as the client sent it, with
 * the model rewritten, fields the vendor names differently renamed, and floats asked for where the
 * vendor does not answer base64 (the gateway then encodes base64 itself). Azure addresses the
 * deployment in the URL, as in chat (src/providers/openai-compatible/build-request.ts).
 */
import type { ProviderEndpoint } from '../../../config/config.js';
import { unsupportedParameter, type GatewayError } from '../../../core/errors.js';
import type { UpstreamRequest } from '../../../providers/adapter.js';
import { modelPathSegment } from '../../../providers/path-segment.js';
import type { EmbeddingContext } from '../../embedding-adapter.js';
import type { EmbeddingRequest } from '../../embedding-request.js';
import type { EmbeddingQuirks } from './embedding-quirks.js';

export function refuseForVendor(request: EmbeddingRequest, endpoint: ProviderEndpoint, quirks: EmbeddingQuirks): GatewayError | null {
  if (request.input.kind === 'tokens' && !quirks.tokens) {
    return unsupportedParameter('input', `The provider ${endpoint.name} embeds text only; send \`input\` as strings instead of token arrays.`);
  }
  if (request.dimensions !== null && quirks.dimensions === null) {
    return unsupportedParameter('dimensions', `The provider ${endpoint.name} cannot shorten embeddings; remove \`dimensions\` or choose a model served by another provider.`);
  }
  return null;
}

export function buildOpenAICompatibleEmbeddingsRequest(
  request: EmbeddingRequest,
  endpoint: ProviderEndpoint,
  context: EmbeddingContext,
  quirks: EmbeddingQuirks,
): UpstreamRequest {
  const body: Record<string, unknown> = { ...request.extra, model: context.upstreamModel, input: request.input.sent };
  if (request.encodingFormat === 'base64' && quirks.base64) body.encoding_format = 'base64';
  if (request.dimensions !== null && quirks.dimensions !== null) body[quirks.dimensions] = request.dimensions;
  if (request.user !== null) body.user = request.user;
  return { url: embeddingsUrl(endpoint, context.upstreamModel), headers: requestHeaders(endpoint), body: JSON.stringify(body) };
}

function embeddingsUrl(endpoint: ProviderEndpoint, model: string): string {
  if (endpoint.type !== 'azure' || /\/v1$/.test(endpoint.baseUrl)) return `${endpoint.baseUrl}/embeddings`;
  if (endpoint.apiVersion === null) return `${endpoint.baseUrl}/openai/v1/embeddings`;
  return `${endpoint.baseUrl}/openai/deployments/${modelPathSegment(model)}/embeddings?api-version=${encodeURIComponent(endpoint.apiVersion)}`;
}

function requestHeaders(endpoint: ProviderEndpoint): Record<string, string> {
  const headers: Record<string, string> = { ...endpoint.headers, 'content-type': 'application/json', accept: 'application/json' };
  if (endpoint.apiKey !== null) {
    if (endpoint.type === 'azure') headers['api-key'] = endpoint.apiKey;
    else headers.authorization = `Bearer ${endpoint.apiKey}`;
  }
  return headers;
}
