/**
 * A cheap authenticated read of each provider's model list, used by `switchyard check` to report
 * whether a configured provider is reachable and accepts its key. No tokens are spent.
 */
import type { ProviderEndpoint } from '../config/config.js';
import { vendorProfile } from './vendors.js';

export function probeRequest(endpoint: ProviderEndpoint): { url: string; headers: Record<string, string> } {
  const adapter = vendorProfile(endpoint.type)?.adapter ?? 'openai-compatible';
  const key = endpoint.apiKey;
  const headers: Record<string, string> = { ...endpoint.headers, accept: 'application/json' };
  if (adapter === 'anthropic') {
    if (key !== null) headers['x-api-key'] = key;
    headers['anthropic-version'] = '2023-06-01';
    return { url: `${endpoint.baseUrl.replace(/\/v1$/, '')}/v1/models`, headers };
  }
  if (adapter === 'gemini') {
    if (key !== null) headers['x-goog-api-key'] = key;
    return { url: `${endpoint.baseUrl.replace(/\/v1(beta)?$/, '')}/v1beta/models`, headers };
  }
  if (key !== null) {
    if (endpoint.type === 'azure') headers['api-key'] = key;
    else headers.authorization = `Bearer ${key}`;
  }
  if (endpoint.type === 'azure') {
    const version = endpoint.apiVersion === null ? '' : `?api-version=${encodeURIComponent(endpoint.apiVersion)}`;
    return { url: `${endpoint.baseUrl}/openai/models${version}`, headers };
  }
  return { url: `${endpoint.baseUrl}/models`, headers };
}
