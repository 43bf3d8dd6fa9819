/**
 * Model resolution, exactly as shared/design.md §3: config entry, `provider/model`, built-in
 * catalog, family prefix, else 404. A model whose provider is not configured is a 503 that names
 * the variable to set.
 */
import type { Config, ModelEntry, Price, ProviderEndpoint, Timeouts } from '../config/config.js';
import { modelNotFound, providerNotConfigured } from '../core/errors.js';
import { CATALOG, familyProvider } from '../providers/catalog.js';
import { deploymentId } from './deployment-health.js';

export interface Deployment {
  provider: ProviderEndpoint;
  /** The provider's own model id. */
  model: string;
  weight: number;
  /** `provider/model`: the key of the deployment's health (deployment-health.ts), made once. */
  id: string;
}

/** Resolutions kept: every configured and catalog name, and far more than the `provider/…` names a team uses. */
const RESOLUTIONS_KEPT = 5_000;

export interface ResolvedModel {
  /** The public name the client asked for. */
  name: string;
  deployments: Deployment[];
  fallbacks: readonly string[];
  /** A price set in the config for this public name (overrides the built-in table). */
  price: Price | null;
  timeouts: Timeouts;
  strategy: ModelEntry['strategy'];
}

export class ModelResolver {
  private readonly entries: ReadonlyMap<string, ModelEntry>;
  /** The configuration never changes while the gateway runs, so a name resolves the same way every time. */
  private readonly resolved = new Map<string, ResolvedModel>();

  constructor(private readonly config: Config) {
    this.entries = new Map(config.models.map((entry) => [entry.name, entry]));
  }

  /** The same object for the same name: callers must not change it. Failures are not kept. */
  resolve(name: string): ResolvedModel {
    let model = this.resolved.get(name);
    if (model === undefined) {
      model = this.resolveUncached(name);
      // Names come from clients (`openai/<anything>`): start over rather than grow without bound.
      if (this.resolved.size >= RESOLUTIONS_KEPT) this.resolved.clear();
      this.resolved.set(name, model);
    }
    return model;
  }

  private resolveUncached(name: string): ResolvedModel {
    const entry = this.entries.get(name);
    if (entry !== undefined) return this.fromEntry(entry);

    const slash = name.indexOf('/');
    if (slash > 0) {
      const providerName = name.slice(0, slash);
      const upstream = name.slice(slash + 1);
      if (upstream !== '') {
        if (this.config.providers.has(providerName)) return this.single(name, providerName, upstream);
        const variable = this.config.unconfigured.get(providerName);
        if (variable !== undefined) throw providerNotConfigured(providerName, variable);
      }
    }

    const known = CATALOG.get(name);
    if (known !== undefined) return this.single(name, known.provider, known.upstream);

    const family = familyProvider(name);
    if (family !== undefined) return this.single(name, family, name);

    throw modelNotFound(name);
  }

  /** Every public name this configuration can serve (config entries, then catalog entries). */
  servable(): string[] {
    const names: string[] = [];
    for (const entry of this.config.models) {
      if (entry.targets.some((target) => this.config.providers.has(target.provider))) names.push(entry.name);
    }
    for (const entry of CATALOG.values()) {
      if (!this.entries.has(entry.name) && this.config.providers.has(entry.provider)) names.push(entry.name);
    }
    return names;
  }

  private fromEntry(entry: ModelEntry): ResolvedModel {
    const deployments: Deployment[] = [];
    for (const target of entry.targets) {
      const provider = this.config.providers.get(target.provider);
      if (provider !== undefined) deployments.push({ provider, model: target.model, weight: target.weight, id: deploymentId(provider.name, target.model) });
    }
    if (deployments.length === 0) {
      const first = entry.targets[0]?.provider ?? entry.name;
      throw providerNotConfigured(first, this.config.unconfigured.get(first) ?? null);
    }
    return {
      name: entry.name,
      deployments,
      fallbacks: entry.fallbacks,
      price: entry.price,
      timeouts: entry.timeouts,
      strategy: entry.strategy,
    };
  }

  private single(name: string, providerName: string, upstream: string): ResolvedModel {
    const provider = this.config.providers.get(providerName);
    if (provider === undefined) {
      throw providerNotConfigured(providerName, this.config.unconfigured.get(providerName) ?? null);
    }
    return {
      name,
      deployments: [{ provider, model: upstream, weight: 1, id: deploymentId(provider.name, upstream) }],
      fallbacks: [],
      price: null,
      timeouts: this.config.routing.timeouts,
      strategy: 'weighted',
    };
  }
}
