/** The validated, normalised configuration every service is built from. */
export interface ProviderEndpoint {
  /** The name used in `provider/model` and in `targets`. */
  name: string;
  /** A key of VENDORS (openai, azure, anthropic, gemini, deepseek, …, openai-compatible). */
  type: string;
  baseUrl: string;
  apiKey: string | null;
  apiVersion: string | null;
  headers: Readonly<Record<string, string>>;
}

export interface Price {
  inputPerMtok: number;
  outputPerMtok: number;
  cachedInputPerMtok?: number;
  cacheWritePerMtok?: number;
  reasoningPerMtok?: number;
}

export interface Timeouts {
  totalMs: number;
  firstByteMs: number;
  idleMs: number;
  connectMs: number;
}

export interface ModelTarget {
  provider: string;
  model: string;
  weight: number;
}

export interface ModelEntry {
  name: string;
  targets: ModelTarget[];
  fallbacks: string[];
  price: Price | null;
  strategy: 'weighted' | 'least-busy' | 'lowest-latency';
  timeouts: Timeouts;
}

export interface Config {
  server: {
    host: string;
    port: number;
    bodyLimitBytes: number;
    shutdownGraceMs: number;
    /** Whether GET /metrics needs the master key (default: public, for Prometheus on a private network). */
    metricsAccess: 'public' | 'master';
    /** Gateway worker processes (node:cluster) sharing the port; 1 runs the gateway in this process. */
    workers: number;
  };
  storeUrl: string;
  redisUrl: string | null;
  masterKey: string | null;
  defaultModel: string;
  /** Configured providers only (a key or, for keyless servers, a base URL is present). */
  providers: ReadonlyMap<string, ProviderEndpoint>;
  /** Known provider names that are missing their key: name → the variable to set. */
  unconfigured: ReadonlyMap<string, string>;
  models: readonly ModelEntry[];
  routing: { retries: number; cooldownS: number; timeouts: Timeouts };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  media: { allowPrivateAddresses: boolean; maxBytes: number; timeoutMs: number };
}
