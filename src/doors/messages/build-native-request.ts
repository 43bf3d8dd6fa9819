/**
 * The client's Messages body to a Claude deployment, untranslated: the JSON exactly as the client
 * sent it with only `model` rewritten (unknown fields and blocks included, key order kept), to
 * `{baseUrl}/v1/messages` (or `/v1/messages/count_tokens`), with `?beta=true` when the client's SDK
 * called its beta path. Headers: the provider's key as `x-api-key` — never the client's key —
 * and `anthropic-version` / `anthropic-beta` as the client sent them (https://docs.claude.com/en/api/versioning,
 * .../beta-headers), the version defaulting to 2023-06-01. Beta flags configured on the endpoint are
 * added to the client's.
 */
import type { ProviderEndpoint } from '../../config/config.js';
import type { UpstreamRequest } from '../../providers/adapter.js';
import { ANTHROPIC_VERSION } from '../../providers/anthropic/build-request.js';
import type { NativeContext } from '../door.js';

export type MessagesPath = '/v1/messages' | '/v1/messages/count_tokens';

export function buildNativeRequest(
  raw: Readonly<Record<string, unknown>>,
  endpoint: ProviderEndpoint,
  context: NativeContext,
  path: MessagesPath = '/v1/messages',
): UpstreamRequest {
  return {
    url: nativeUrl(endpoint.baseUrl, path, context.clientQuery),
    headers: nativeHeaders(endpoint, context),
    body: JSON.stringify({ ...raw, model: context.upstreamModel }),
  };
}

function nativeUrl(baseUrl: string, path: MessagesPath, clientQuery: string | undefined): string {
  // The base URL is documented without `/v1`; tolerate one anyway (as the Anthropic adapter does).
  const base = baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  const beta = new URLSearchParams(clientQuery ?? '').get('beta');
  return beta === null ? `${base}${path}` : `${base}${path}?beta=${encodeURIComponent(beta)}`;
}

function nativeHeaders(endpoint: ProviderEndpoint, context: NativeContext): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(endpoint.headers)) headers[name.toLowerCase()] = value;
  headers['anthropic-version'] = clientHeader(context, 'anthropic-version') ?? headers['anthropic-version'] ?? ANTHROPIC_VERSION;
  const betas = [...splitList(headers['anthropic-beta']), ...splitList(clientHeader(context, 'anthropic-beta'))];
  if (betas.length > 0) headers['anthropic-beta'] = [...new Set(betas)].join(',');
  headers['content-type'] = 'application/json';
  headers.accept = context.stream ? 'text/event-stream' : 'application/json';
  if (endpoint.apiKey !== null) headers['x-api-key'] = endpoint.apiKey;
  return headers;
}

function clientHeader(context: NativeContext, name: string): string | undefined {
  const value = context.clientHeaders[name];
  const joined = Array.isArray(value) ? value.join(',') : value;
  return joined === undefined || joined.trim() === '' ? undefined : joined.trim();
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
}
