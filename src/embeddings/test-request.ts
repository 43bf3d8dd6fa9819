/** Helpers for the embeddings unit tests: a parsed request and an endpoint, from plain values. */
import type { ProviderEndpoint } from '../config/config.js';
import { parseEmbeddingRequest, type EmbeddingRequest } from './embedding-request.js';

export function embeddingRequest(body: Record<string, unknown>): EmbeddingRequest {
  const parsed = parseEmbeddingRequest({ model: 'm', input: 'hello', ...body });
  if (!parsed.ok) throw parsed.error;
  return parsed.request;
}

export const testEndpoint = (type: string, extra: Partial<ProviderEndpoint> = {}): ProviderEndpoint => ({
  name: type,
  type,
  baseUrl: 'https://example.test/v1',
  apiKey: 'secret',
  apiVersion: null,
  headers: {},
  ...extra,
});
