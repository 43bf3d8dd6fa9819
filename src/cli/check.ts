import { loadConfig, type Environment } from '../config/load-config.js';
import { parseOptions } from './options.js';
import { formatTable } from './table.js';

/** Validates the configuration (loadConfig throws on any problem) and reports the providers. */
export async function runCheck(argv: string[], env: Environment): Promise<number> {
  const { common } = parseOptions(argv);
  const config = loadConfig({ env, ...common });
  const rows: string[][] = [];
  for (const provider of config.providers.values()) rows.push([provider.name, provider.type, provider.baseUrl, 'configured']);
  for (const [name, variable] of config.unconfigured) rows.push([name, '', '', `not configured (set ${variable})`]);
  process.stdout.write(`Config OK. Store: ${redactUrl(config.storeUrl)}; Redis: ${config.redisUrl === null ? 'off' : redactUrl(config.redisUrl)}\n\n`);
  process.stdout.write(formatTable(['provider', 'type', 'base url', 'status'], rows));
  return 0;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
