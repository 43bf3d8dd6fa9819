/** Which adapter speaks a provider's wire format, chosen by the provider's vendor profile. */
import type { ProviderEndpoint } from '../config/config.js';
import { GatewayError } from '../core/errors.js';
import type { ProviderAdapter } from '../providers/adapter.js';
import { openAICompatibleAdapter } from '../providers/openai-compatible/index.js';
import { vendorProfile, type AdapterKind } from '../providers/vendors.js';

export type AdapterRegistry = (endpoint: ProviderEndpoint) => ProviderAdapter;

export function createAdapterRegistry(adapters: Partial<Record<AdapterKind, ProviderAdapter>>): AdapterRegistry {
  const all: Partial<Record<AdapterKind, ProviderAdapter>> = { 'openai-compatible': openAICompatibleAdapter, ...adapters };
  return (endpoint) => {
    const kind = vendorProfile(endpoint.type)?.adapter ?? 'openai-compatible';
    const adapter = all[kind];
    if (adapter === undefined) {
      throw new GatewayError(501, `Translation to the ${kind} wire format is not available in this build.`, {
        type: 'server_error',
        code: 'not_implemented',
        headers: { 'x-should-retry': 'false' },
      });
    }
    return adapter;
  };
}
