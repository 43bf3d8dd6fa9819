/**
 * Which price applies to a call: a `price:` set in the config for the public model name wins, then
 * the built-in table by the upstream model id, then by the public name. No price → unpriced (the
 * call is still metered in tokens).
 */
import type { Price } from '../config/config.js';
import { catalogPrice } from '../providers/catalog.js';

export class PriceBook {
  private readonly overrides: ReadonlyMap<string, Price>;

  constructor(overrides: ReadonlyMap<string, Price>) {
    this.overrides = overrides;
  }

  priceFor(publicName: string, upstreamModel: string | null): Price | null {
    const configured = this.overrides.get(publicName);
    if (configured !== undefined) return configured;
    if (upstreamModel !== null) {
      const byUpstream = catalogPrice(upstreamModel);
      if (byUpstream !== null) return byUpstream;
    }
    return catalogPrice(publicName);
  }
}
