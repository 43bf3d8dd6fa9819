/**
 * `switchyard check`: validates the config (loadConfig throws on any problem), then asks each
 * configured provider for its model list to report whether it is reachable and accepts its key.
 * Exits 1 when a configured provider is unhealthy, so it can gate a deploy.
 */
import { request } from 'undici';
import type { ProviderEndpoint } from '../config/config.js';
import { loadConfig, type Environment } from '../config/load-config.js';
import { redactSecrets } from '../core/redact.js';
import { probeRequest } from '../providers/probe-request.js';
import { parseOptions } from './options.js';
import { formatTable } from './table.js';

export async function runCheck(argv: string[], env: Environment): Promise<number> {
  const { common, values } = parseOptions(argv, { offline: { type: 'boolean' } });
  const config = loadConfig({ env, ...common });
  const offline = values.offline === true;
  process.stdout.write(`Config OK. Store: ${redactUrl(config.storeUrl)}; Redis: ${config.redisUrl === null ? 'off' : redactUrl(config.redisUrl)}\n\n`);
  const providers = [...config.providers.values()];
  const results = offline ? providers.map(() => 'configured (not probed)') : await Promise.all(providers.map(probe));
  const rows = providers.map((provider, index) => [provider.name, provider.type, provider.baseUrl, results[index] ?? '']);
  for (const [name, variable] of config.unconfigured) rows.push([name, '', '', `not configured (set ${variable})`]);
  process.stdout.write(formatTable(['provider', 'type', 'base url', 'status'], rows));
  return results.every((result) => result.startsWith('ok') || result.startsWith('configured')) ? 0 : 1;
}

async function probe(endpoint: ProviderEndpoint): Promise<string> {
  const { url, headers } = probeRequest(endpoint);
  const started = performance.now();
  try {
    const response = await request(url, { method: 'GET', headers, headersTimeout: 5000, bodyTimeout: 5000 });
    const text = await response.body.text();
    const ms = Math.round(performance.now() - started);
    if (response.statusCode < 400) return `ok (${ms} ms)`;
    return `HTTP ${response.statusCode}: ${redactSecrets(summary(text)).slice(0, 80)}`;
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : 'error';
    return `unreachable (${code})`;
  }
}

function summary(text: string): string {
  try {
    const json = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
    if (typeof json.error === 'string') return json.error;
    return json.error?.message ?? json.message ?? text;
  } catch {
    return text.trim() || 'no body';
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
