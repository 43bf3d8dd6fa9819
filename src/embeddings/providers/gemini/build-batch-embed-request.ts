/**
 * An OpenAI embeddings request → Gemini `models/{model}:batchEmbedContents`
 * (https://ai.google.dev/api/embeddings#method:-models.batchembedcontents): one `EmbedContentRequest`
 * per input, `dimensions` as `outputDimensionality`, the key in `x-goog-api-key` (never the query
 * string). Gemini takes at most 100 requests a call, so longer inputs become several calls.
 */
import type { ProviderEndpoint } from '../../../config/config.js';
import { unsupportedParameter, type GatewayError } from '../../../core/errors.js';
import type { UpstreamRequest } from '../../../providers/adapter.js';
import { modelPathSegment } from '../../../providers/path-segment.js';
import type { EmbeddingContext } from '../../embedding-adapter.js';
import type { EmbeddingRequest } from '../../embedding-request.js';

/** Gemini's limit: "BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch". */
export const GEMINI_BATCH_LIMIT = 100;

export function refuseForGemini(request: EmbeddingRequest, endpoint: ProviderEndpoint): GatewayError | null {
  return request.input.kind === 'tokens' ? textOnly(endpoint) : null;
}

const textOnly = (endpoint: ProviderEndpoint): GatewayError =>
  unsupportedParameter('input', `Gemini (provider ${endpoint.name}) embeds text only; send \`input\` as strings instead of token arrays.`);

export function buildGeminiBatchEmbedRequests(request: EmbeddingRequest, endpoint: ProviderEndpoint, context: EmbeddingContext): UpstreamRequest[] {
  if (request.input.kind !== 'text') throw textOnly(endpoint);
  const texts = request.input.items;
  const { url, resource } = batchEmbedUrl(endpoint.baseUrl, context.upstreamModel);
  const headers = requestHeaders(endpoint);
  const requests: UpstreamRequest[] = [];
  for (let start = 0; start < texts.length; start += GEMINI_BATCH_LIMIT) {
    const batch = texts.slice(start, start + GEMINI_BATCH_LIMIT).map((text) => ({
      model: resource,
      content: { parts: [{ text }] },
      ...(request.dimensions === null ? {} : { outputDimensionality: request.dimensions }),
    }));
    requests.push({ url, headers, body: JSON.stringify({ requests: batch }) });
  }
  return requests;
}

/**
 * `baseUrl` comes without a version (as in chat, src/providers/gemini/build-request.ts); the model id
 * must stay one path segment (path-segment.ts), without `:` which would start the method part.
 */
function batchEmbedUrl(baseUrl: string, model: string): { url: string; resource: string } {
  const base = baseUrl.replace(/\/+$/, '');
  const versioned = /\/v1(alpha|beta)?$/.test(base) ? base : `${base}/v1beta`;
  const prefixed = /^(models|tunedModels)\/(.*)$/.exec(model);
  const collection = prefixed?.[1] ?? 'models';
  const id = prefixed?.[2] ?? model;
  const segment = modelPathSegment(id, /:/);
  return { url: `${versioned}/${collection}/${segment}:batchEmbedContents`, resource: `${collection}/${id}` };
}

function requestHeaders(endpoint: ProviderEndpoint): Record<string, string> {
  const headers: Record<string, string> = { ...endpoint.headers, 'content-type': 'application/json', accept: 'application/json' };
  if (endpoint.apiKey !== null) headers['x-goog-api-key'] = endpoint.apiKey;
  return headers;
}
