import { loadConfig, type Environment } from '../config/load-config.js';
import { catalogPrice } from '../providers/catalog.js';
import { ModelResolver } from '../routing/resolve-model.js';
import { parseOptions } from './options.js';
import { formatTable } from './table.js';

export async function runModels(argv: string[], env: Environment): Promise<number> {
  const { common } = parseOptions(argv);
  const config = loadConfig({ env, ...common });
  const resolver = new ModelResolver(config);
  const rows = resolver.servable().map((name) => {
    const model = resolver.resolve(name);
    const target = model.deployments[0];
    const price = model.price ?? catalogPrice(target?.model ?? name) ?? catalogPrice(name);
    return [
      name,
      model.deployments.map((deployment) => `${deployment.provider.name}/${deployment.model}`).join(', '),
      price === null ? 'unpriced' : `$${price.inputPerMtok} / $${price.outputPerMtok}`,
    ];
  });
  if (rows.length === 0) {
    process.stdout.write('No models can be served: configure a provider (e.g. OPENAI_API_KEY) or a config file.\n');
    return 0;
  }
  process.stdout.write(formatTable(['model', 'deployments', 'price in/out per 1M tokens'], rows));
  return 0;
}
