/**
 * Builds the Store named by SWITCHYARD_DATABASE_URL. Opening is cheap and lazy for Postgres (the
 * pool connects on first use); call `migrate()` before serving and `ping()` for readiness.
 */
import { parseStoreUrl } from './parse-store-url.js';
import { openPostgresStore } from './postgres/open-postgres-store.js';
import { openSqliteStore } from './sqlite/open-sqlite-store.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** The clock stamped on keys, settings and migrations (tests inject one). */
  now?: () => Date;
  /** Postgres only: pool size (default 10). */
  poolSize?: number;
  /** Postgres only: errors of idle pooled connections, for logging. */
  onBackgroundError?: (error: Error) => void;
}

export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const location = parseStoreUrl(url);
  if (location.kind === 'sqlite') return openSqliteStore(location.path, options.now);
  return openPostgresStore(location.url, options);
}
