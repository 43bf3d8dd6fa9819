/**
 * Whether a key may use a model. Entries are public model names (`gpt-4o`), `provider/*` patterns
 * matching the provider of any deployment, or `*`.
 */
import type { KeyPolicy } from './principal.js';

export function mayUseModel(policy: KeyPolicy, publicName: string, providers: readonly string[]): boolean {
  if (policy.models === null) return true;
  for (const entry of policy.models) {
    if (entry === '*' || entry === publicName) return true;
    if (entry.endsWith('/*')) {
      const provider = entry.slice(0, -2);
      if (providers.includes(provider) || publicName.startsWith(`${provider}/`)) return true;
    }
  }
  return false;
}
