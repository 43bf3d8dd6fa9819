import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../database.js';
import { KyselyStore } from '../kysely-store.js';
import { MEMORY_PATH } from '../parse-store-url.js';
import { StoreError, describeError } from '../store-error.js';
import type { Store } from '../store.js';
import { sqliteDialect } from './sqlite-dialect.js';
import type { UsageRowWriter } from '../queries/query-context.js';
import { preparedUsageInsert, usageValues } from './sqlite-usage-writer.js';
import { WorkerUsageWriter } from './worker-usage-writer.js';

/** How long a writer waits for another process's write lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

export function openSqliteStore(path: string, now?: () => Date): Store {
  const memory = path === MEMORY_PATH;
  let database: BetterSqlite3.Database;
  try {
    if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
    database = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS });
    if (!memory) {
      // WAL: readers never block the writer (the usage recorder) and vice versa.
      database.pragma('journal_mode = WAL');
      // NORMAL is durable against application crashes in WAL mode; a power loss may drop the last
      // commits but never corrupts the file, which is the right trade for a usage log.
      database.pragma('synchronous = NORMAL');
    }
  } catch (error) {
    throw new StoreError('unavailable', `Cannot open the SQLite database ${path}: ${describeError(error)}`, { cause: error });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  // A file database takes usage from a worker thread; an in-memory one is private to this connection.
  const usageWriter = memory ? inThreadWriter(database) : new WorkerUsageWriter({ path, busyTimeoutMs: BUSY_TIMEOUT_MS });
  return new KyselyStore({ db, dialect: sqliteDialect, target: `SQLite database ${path}`, now, usageWriter });
}

function inThreadWriter(database: BetterSqlite3.Database): UsageRowWriter {
  const insert = preparedUsageInsert(database);
  return { write: (rows) => insert(rows.map(usageValues)) };
}
