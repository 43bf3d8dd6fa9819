/**
 * Usage rows into SQLite with one prepared statement, run once per row inside one transaction per
 * batch. Building the same INSERT through the query builder compiled a statement of hundreds of
 * rows × 20 parameters on every flush — a few percent of each request's CPU at a few thousand
 * requests a second — for work better-sqlite3 does in a few microseconds a row.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { UsageRow } from '../queries/query-context.js';

/** The columns in the order the statement binds them. */
const COLUMNS = [
  'id', 'key_id', 'model', 'provider', 'upstream_model', 'prompt_tokens', 'completion_tokens', 'cached_tokens',
  'cache_write_tokens', 'reasoning_tokens', 'cost_usd_e10', 'latency_ms', 'ttft_ms', 'status', 'error_code',
  'stream', 'retries', 'fallbacks', 'door', 'created_at',
] as const satisfies ReadonlyArray<keyof UsageRow>;

type SqlValue = string | number | bigint | null;

/** A row as the statement binds it (the order of COLUMNS), spelled out: no per-row mapping over names. */
export function usageValues(row: UsageRow): SqlValue[] {
  return [
    row.id, row.key_id ?? null, row.model, row.provider ?? null, row.upstream_model ?? null, row.prompt_tokens, row.completion_tokens,
    row.cached_tokens, row.cache_write_tokens, row.reasoning_tokens, row.cost_usd_e10 ?? null, row.latency_ms, row.ttft_ms ?? null,
    row.status, row.error_code ?? null, row.stream, row.retries, row.fallbacks, row.door, row.created_at,
  ];
}

/** Prepared on first use (after migrations have created the table); the id keeps a retried batch from counting twice. */
export function preparedUsageInsert(database: BetterSqlite3.Database): (rows: ReadonlyArray<readonly SqlValue[]>) => number {
  let write: ((rows: ReadonlyArray<readonly SqlValue[]>) => number) | null = null;
  return (rows) => {
    if (write === null) {
      const insert = database.prepare(
        `insert into usage_records (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')}) on conflict (id) do nothing`,
      );
      write = database.transaction((batch: ReadonlyArray<readonly SqlValue[]>) => {
        let inserted = 0;
        for (const values of batch) inserted += insert.run(values).changes;
        return inserted;
      });
    }
    return write(rows);
  };
}
