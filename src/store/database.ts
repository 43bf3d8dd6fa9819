/**
 * The tables as Kysely sees them. Column types are the union of what the two drivers return, so
 * every read goes through the decoders in `column-values.ts` instead of a cast:
 * - timestamps: Postgres `timestamptz` (pg returns Date), SQLite ISO-8601 UTC text (string). Writes
 *   always send `Date.toISOString()`, which both accept and which sorts chronologically as text.
 * - JSON: Postgres `jsonb` (pg returns parsed values), SQLite text. Writes send JSON text.
 * - flags: Postgres `boolean`, SQLite integer 0/1. Writes send 1/0 (better-sqlite3 cannot bind booleans;
 *   Postgres reads '1'/'0' as booleans).
 * - cost: integer units of 1e-10 USD (the precision pricing rounds to), so sums are exact and identical
 *   on both backends. pg returns int8 and sums as strings.
 */
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date | string, string, string>;
type NullableTimestamp = ColumnType<Date | string | null, string | null, string | null>;
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null, string | null>;
type Flag = ColumnType<boolean | number, number, number>;
type Int8 = ColumnType<number | string | bigint | null, number | null, number | null>;

export interface ApiKeysTable {
  id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  models: NullableJson;
  rpm: number | null;
  tpm: number | null;
  budget_usd: number | null;
  budget_period: string | null;
  expires_at: NullableTimestamp;
  metadata: Json;
  revoked_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsageRecordsTable {
  id: string;
  key_id: string | null;
  model: string;
  provider: string | null;
  upstream_model: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  /** round(cost_usd × 1e10); null = unpriced. */
  cost_usd_e10: Int8;
  latency_ms: number;
  ttft_ms: number | null;
  status: number;
  error_code: string | null;
  stream: Flag;
  retries: number;
  fallbacks: number;
  door: string;
  created_at: Timestamp;
}

export interface SettingsTable {
  name: string;
  value: string;
  created_at: Timestamp;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

export interface Database {
  api_keys: ApiKeysTable;
  usage_records: UsageRecordsTable;
  settings: SettingsTable;
  schema_migrations: SchemaMigrationsTable;
}

/** Cost in USD ↔ the stored integer units. */
export const COST_UNITS_PER_USD = 1e10;
