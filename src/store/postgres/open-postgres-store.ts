import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../database.js';
import { KyselyStore } from '../kysely-store.js';
import { describePostgresUrl } from '../parse-store-url.js';
import type { Store } from '../store.js';
import { postgresDialect } from './postgres-dialect.js';

export interface PostgresStoreOptions {
  now?: () => Date;
  /** Connections per instance; the gateway's writes are batched, so a few go a long way. */
  poolSize?: number;
  /** An idle pooled connection failed (server restart, network cut); the pool replaces it. */
  onBackgroundError?: (error: Error) => void;
}

export function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    idleTimeoutMillis: 30_000,
    // Without it a black-holed host makes /ready and startup hang on the OS connect timeout.
    connectionTimeoutMillis: 10_000,
    // Parameters in the URL take precedence over these (pg merges the connection string last).
    application_name: 'switchyard',
  });
  // Without a listener, an idle client's error is an unhandled 'error' event and kills the process.
  pool.on('error', (error) => options.onBackgroundError?.(error));
  // The pool listens only to idle clients, and Kysely not at all: a connection lost while checked
  // out (failover, network cut) would emit an unhandled 'error' and kill the process. The call using
  // it fails with the same error and reports it; the pool then discards the broken client.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return new KyselyStore({ db, dialect: postgresDialect, target: `Postgres database ${describePostgresUrl(url)}`, now: options.now });
}
