/**
 * The worker thread that writes usage rows into a SQLite file (worker-usage-writer.ts starts it): its
 * own connection to the same file (WAL lets the gateway's connection read meanwhile), the prepared
 * insert, one transaction per batch. Messages: `{ id, rows: "[[…values]…]" }` in, `{ id, inserted }` or `{ id, error }` out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { lowerThreadPriority } from './background-priority.js';
import { preparedUsageInsert } from './sqlite-usage-writer.js';

interface WriteMessage {
  id: number;
  /** The rows as one JSON array (worker-usage-writer.ts). */
  rows: string;
}

const isWriteMessage = (message: unknown): message is WriteMessage =>
  typeof message === 'object' && message !== null && 'id' in message && typeof message.id === 'number' && 'rows' in message && typeof message.rows === 'string';

type SqlValue = string | number | null;

/** Rows are the gateway's own (usageValues, serialised by worker-usage-writer.ts): arrays of SQL values. */
function parseRows(json: string): SqlValue[][] {
  const rows: unknown = JSON.parse(json);
  if (!Array.isArray(rows) || !rows.every((row) => Array.isArray(row) && row.every(isSqlValue))) throw new Error('the usage batch is not rows of values');
  return rows as SqlValue[][];
}

const isSqlValue = (value: unknown): value is SqlValue => value === null || typeof value === 'string' || typeof value === 'number';

const options: unknown = workerData;
if (typeof options !== 'object' || options === null || !('path' in options) || typeof options.path !== 'string' || !('busyTimeoutMs' in options) || typeof options.busyTimeoutMs !== 'number') {
  throw new Error('the usage worker needs { path, busyTimeoutMs }');
}
// Behind the event loop on a shared core (background-priority.ts).
lowerThreadPriority();
const database = new BetterSqlite3(options.path, { timeout: options.busyTimeoutMs });
const insert = preparedUsageInsert(database);

parentPort?.on('message', (message: unknown) => {
  if (!isWriteMessage(message)) return;
  try {
    parentPort?.postMessage({ id: message.id, inserted: insert(parseRows(message.rows)) });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
