import type { Config, Price } from '../config/config.js';

/** Prices set in the config, by public model name. */
export function priceOverrides(config: Config): Map<string, Price> {
  const prices = new Map<string, Price>();
  for (const model of config.models) if (model.price !== null) prices.set(model.name, model.price);
  return prices;
}
