import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ENV_VENDORS, vendorProfile } from '../providers/vendors.js';
import type { Config, ModelEntry, Price, ProviderEndpoint, Timeouts } from './config.js';
import { extractPlaceholders, restorePlaceholders } from './expand-env.js';
import { configFileSchema, MAX_WORKERS, type ConfigFile, type PriceInput } from './schema.js';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface LoadOptions {
  /** The environment; the only place Switchyard reads process.env is the CLI passing it here. */
  env: Environment;
  configPath?: string | undefined;
  port?: number | undefined;
  host?: string | undefined;
  /** `--workers`: a count or `auto`, as typed on the command line. */
  workers?: string | undefined;
  /** The cores `auto` means (default: os.availableParallelism()). */
  cores?: number | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEFAULT_TIMEOUTS: Timeouts = { totalMs: 600_000, firstByteMs: 60_000, idleMs: 60_000, connectMs: 10_000 };

export function loadConfig(options: LoadOptions): Config {
  const { env } = options;
  const path = options.configPath ?? nonEmpty(env.SWITCHYARD_CONFIG);
  const file = path === undefined ? {} : readConfigFile(path, env);

  const { providers, unconfigured } = buildProviders(file, env);
  const routingTimeouts = timeouts(file.routing ?? {}, DEFAULT_TIMEOUTS);
  const models = (file.models ?? []).map((model): ModelEntry => ({
    name: model.name,
    targets: model.targets,
    fallbacks: model.fallbacks,
    price: model.price === undefined ? null : toPrice(model.price),
    strategy: model.strategy,
    timeouts: timeouts(model, routingTimeouts),
  }));
  checkModels(models, providers, unconfigured);

  const port = options.port ?? intFrom(env.SWITCHYARD_PORT, 'SWITCHYARD_PORT') ?? file.server?.port ?? 4000;
  const host = options.host ?? nonEmpty(env.SWITCHYARD_HOST) ?? file.server?.host ?? '127.0.0.1';
  const cores = options.cores ?? availableParallelism();
  const workers =
    workersFrom(options.workers, '--workers', cores) ?? workersFrom(env.SWITCHYARD_WORKERS, 'SWITCHYARD_WORKERS', cores) ?? resolveWorkers(file.server?.workers ?? 1, cores);
  const logLevel = z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .catch('info')
    .parse(nonEmpty(env.SWITCHYARD_LOG_LEVEL) ?? file.logging?.level ?? 'info');

  return {
    server: {
      host,
      port,
      bodyLimitBytes: Math.round((file.server?.body_limit_mb ?? 32) * 1024 * 1024),
      shutdownGraceMs: Math.round((file.server?.shutdown_grace_s ?? 30) * 1000),
      metricsAccess: file.server?.metrics_access ?? 'public',
      workers,
    },
    storeUrl: nonEmpty(env.SWITCHYARD_DATABASE_URL) ?? nonEmpty(file.store?.url) ?? 'sqlite:./data/switchyard.db',
    redisUrl: nonEmpty(env.SWITCHYARD_REDIS_URL) ?? nonEmpty(file.redis?.url) ?? null,
    masterKey: nonEmpty(env.SWITCHYARD_MASTER_KEY) ?? nonEmpty(file.master_key) ?? null,
    defaultModel: file.default_model ?? 'gpt-5',
    providers,
    unconfigured,
    models,
    routing: {
      retries: file.routing?.retries ?? 2,
      cooldownS: file.routing?.cooldown_s ?? 30,
      timeouts: routingTimeouts,
    },
    logLevel,
    media: {
      allowPrivateAddresses: file.media?.allow_private_addresses ?? false,
      maxBytes: file.media?.max_bytes ?? 20 * 1024 * 1024,
      timeoutMs: file.media?.timeout_ms ?? 10_000,
    },
  };
}

function readConfigFile(path: string, env: Environment): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the config file ${path}: ${(error as Error).message}`);
  }
  const placeholders = extractPlaceholders(text, env);
  let raw: unknown;
  try {
    raw = parseYaml(placeholders.text);
  } catch (error) {
    throw new ConfigError(`The config file ${path} is not valid YAML: ${(error as Error).message}`);
  }
  const result = configFileSchema.safeParse(restorePlaceholders(raw ?? {}, placeholders.values));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ConfigError(`The config file ${path} is invalid:\n${lines.join('\n')}`);
  }
  return result.data;
}

function buildProviders(file: ConfigFile, env: Environment) {
  const providers = new Map<string, ProviderEndpoint>();
  const unconfigured = new Map<string, string>();

  for (const profile of ENV_VENDORS) {
    const prefix = profile.envPrefix as string;
    const name = prefix.toLowerCase();
    const apiKey = nonEmpty(env[`${prefix}_API_KEY`]);
    const baseUrl = nonEmpty(env[`${prefix}_BASE_URL`]);
    const configured = profile.keyless ? baseUrl !== undefined || apiKey !== undefined : apiKey !== undefined;
    if (!configured) {
      unconfigured.set(name, profile.keyless ? `${prefix}_BASE_URL` : `${prefix}_API_KEY`);
      continue;
    }
    providers.set(name, endpoint(name, profile.type, baseUrl ?? profile.defaultBaseUrl, apiKey ?? null, null, {}));
  }

  for (const [name, entry] of Object.entries(file.providers ?? {})) {
    const type = entry.type ?? name;
    const profile = vendorProfile(type);
    if (profile === undefined) {
      throw new ConfigError(
        `providers.${name}: unknown type \`${type}\`. Use one of the known provider types or type: openai-compatible with a base_url.`,
      );
    }
    const fromEnv = providers.get(name);
    const apiKey = nonEmpty(entry.api_key) ?? fromEnv?.apiKey ?? null;
    const baseUrl = nonEmpty(entry.base_url) ?? fromEnv?.baseUrl ?? profile.defaultBaseUrl;
    if (baseUrl === null) throw new ConfigError(`providers.${name}: base_url is required for type ${type}.`);
    const configured = profile.keyless ? true : apiKey !== null;
    if (!configured) {
      providers.delete(name);
      unconfigured.set(name, `providers.${name}.api_key${profile.envPrefix ? ` or ${profile.envPrefix}_API_KEY` : ''}`);
      continue;
    }
    unconfigured.delete(name);
    providers.set(name, endpoint(name, type, baseUrl, apiKey, nonEmpty(entry.api_version) ?? null, entry.headers ?? {}));
  }
  return { providers, unconfigured };
}

function endpoint(
  name: string,
  type: string,
  baseUrl: string | null,
  apiKey: string | null,
  apiVersion: string | null,
  headers: Record<string, string>,
): ProviderEndpoint {
  if (baseUrl === null) throw new ConfigError(`Provider ${name} has no base URL.`);
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new ConfigError(`Provider ${name}: base URL \`${baseUrl}\` is not a valid URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(`Provider ${name}: base URL must be http or https.`);
  }
  return { name, type, baseUrl: baseUrl.replace(/\/+$/, ''), apiKey, apiVersion, headers };
}

function checkModels(models: ModelEntry[], providers: ReadonlyMap<string, ProviderEndpoint>, unconfigured: ReadonlyMap<string, string>) {
  const names = new Set<string>();
  for (const model of models) {
    if (names.has(model.name)) throw new ConfigError(`models: \`${model.name}\` is listed twice.`);
    names.add(model.name);
    for (const target of model.targets) {
      if (!providers.has(target.provider) && !unconfigured.has(target.provider)) {
        throw new ConfigError(`models.${model.name}: target provider \`${target.provider}\` is not defined under providers.`);
      }
    }
  }
}

function timeouts(source: { timeout_ms?: number | undefined; first_byte_timeout_ms?: number | undefined; idle_timeout_ms?: number | undefined; connect_timeout_ms?: number | undefined }, base: Timeouts): Timeouts {
  return {
    totalMs: source.timeout_ms ?? base.totalMs,
    firstByteMs: source.first_byte_timeout_ms ?? base.firstByteMs,
    idleMs: source.idle_timeout_ms ?? base.idleMs,
    connectMs: source.connect_timeout_ms ?? base.connectMs,
  };
}

export function toPrice(input: PriceInput): Price {
  return {
    inputPerMtok: input.input_per_mtok,
    outputPerMtok: input.output_per_mtok,
    ...(input.cached_input_per_mtok === undefined ? {} : { cachedInputPerMtok: input.cached_input_per_mtok }),
    ...(input.cache_write_per_mtok === undefined ? {} : { cacheWritePerMtok: input.cache_write_per_mtok }),
    ...(input.reasoning_per_mtok === undefined ? {} : { reasoningPerMtok: input.reasoning_per_mtok }),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A worker count from the command line or the environment: a whole number from 1, or `auto`. */
function workersFrom(value: string | undefined, name: string, cores: number): number | undefined {
  const text = nonEmpty(value)?.trim().toLowerCase();
  if (text === undefined) return undefined;
  if (text === 'auto') return resolveWorkers('auto', cores);
  const parsed = Number(text);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > MAX_WORKERS) throw new ConfigError(`${name} must be a number of processes from 1 to ${MAX_WORKERS}, or auto; got ${String(value)}.`);
  return parsed;
}

function resolveWorkers(workers: number | 'auto', cores: number): number {
  return workers === 'auto' ? Math.max(1, Math.min(MAX_WORKERS, cores)) : workers;
}

function intFrom(value: string | undefined, name: string): number | undefined {
  if (nonEmpty(value) === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new ConfigError(`${name} must be a port number.`);
  return parsed;
}
