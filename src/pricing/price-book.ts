/**
 * Which price applies to a call: a `price:` set in the config for the public model name wins, then
 * the built-in table by the upstream model id, then by the public name. No price → unpriced (the
 * call is still metered in tokens).
 */
import type { Price } from '../config/config.js';
import { catalogPrice } from '../providers/catalog.js';

export class PriceBook {
  private readonly overrides: ReadonlyMap<string, Price>;
  /** A call asks twice (the budget hold, then the attempt): the answer for a pair never changes. */
  private readonly found = new Map<string, Price | null>();

  constructor(overrides: ReadonlyMap<string, Price>) {
    this.overrides = overrides;
  }

  priceFor(publicName: string, upstreamModel: string | null): Price | null {
    const key = `${publicName}\u0000${upstreamModel ?? ''}`;
    let price = this.found.get(key);
    if (price === undefined) {
      price = this.lookUp(publicName, upstreamModel);
      // Names come from clients (`openai/<anything>`): start over rather than grow without bound.
      if (this.found.size >= 5000) this.found.clear();
      this.found.set(key, price);
    }
    return price;
  }

  private lookUp(publicName: string, upstreamModel: string | null): Price | null {
    const configured = this.overrides.get(publicName);
    if (configured !== undefined) return configured;
    if (upstreamModel !== null) {
      const byUpstream = catalogPrice(upstreamModel);
      if (byUpstream !== null) return byUpstream;
    }
    return catalogPrice(publicName);
  }
}
