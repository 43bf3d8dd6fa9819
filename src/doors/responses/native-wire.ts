/**
 * The Responses API spoken natively by OpenAI and Azure OpenAI deployments: the client's body goes
 * through with only `model` rewritten (and Switchyard's own `models` list and reasoning carriers
 * taken out, which mean nothing upstream), with the provider's key, never the client's.
 * URLs as src/providers/openai-compatible/build-request.ts makes them: OpenAI
 * `${baseUrl}/responses` (the base URL includes /v1); Azure the v1 GA API
 * `${baseUrl}/openai/v1/responses` (https://learn.microsoft.com/azure/ai-foundry/openai/reference-preview-latest),
 * which needs no api-version, or `${baseUrl}/responses` when the configured base URL already ends in /v1.
 */
import { isFields } from '../../core/json-fields.js';
import type { ProviderEndpoint } from '../../config/config.js';
import { mapOpenAICompatibleError } from '../../providers/openai-compatible/map-error.js';
import { requestHeaders } from '../../providers/openai-compatible/build-request.js';
import type { UpstreamRequest } from '../../providers/adapter.js';
import type { NativeContext, NativeWire } from '../door.js';
import { fromResponseUsage } from './map-usage.js';
import { createNativeStreamScanner } from './native-stream-scanner.js';
import { isReasoningCarrier } from './reasoning-carrier.js';
import type { ResponsesInbound } from './responses-inbound.js';

const NATIVE_TYPES = new Set(['openai', 'azure']);

export const responsesNativeWire: NativeWire<ResponsesInbound> = {
  accepts: (endpoint) => NATIVE_TYPES.has(endpoint.type),
  buildRequest: (inbound, endpoint, context) => buildNativeRequest(inbound, endpoint, context),
  mapError: (status, body, headers) => mapOpenAICompatibleError(status, body, headers),
  // Only the usage is read through its schema: a schema over the whole body copied every field of the answer.
  usageOf: (body) => (typeof body === 'object' && body !== null && 'usage' in body ? fromResponseUsage(body.usage) : undefined),
  createStreamScanner: createNativeStreamScanner,
};

export function buildNativeRequest(inbound: ResponsesInbound, endpoint: ProviderEndpoint, context: NativeContext): UpstreamRequest {
  const body: Record<string, unknown> = { ...inbound.body, model: context.upstreamModel };
  delete body.models;
  if (Array.isArray(inbound.body.input)) body.input = inbound.body.input.filter((item) => !isOurReasoning(item));
  return { url: responsesUrl(endpoint), headers: requestHeaders(endpoint, context.stream), body: JSON.stringify(body) };
}

/** A reasoning item that only carries another provider's signed reasoning (reasoning-carrier.ts). */
function isOurReasoning(item: unknown): boolean {
  return isFields(item) && item.type === 'reasoning' && typeof item.encrypted_content === 'string' && isReasoningCarrier(item.encrypted_content);
}

function responsesUrl(endpoint: ProviderEndpoint): string {
  if (endpoint.type !== 'azure' || /\/v1$/.test(endpoint.baseUrl)) return `${endpoint.baseUrl}/responses`;
  return `${endpoint.baseUrl}/openai/v1/responses`;
}

