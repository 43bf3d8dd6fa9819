/** An `api_keys` row → KeyRecord, validating the JSON and enum columns instead of casting them. */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { toDate, toDateOrNull } from './column-values.js';
import type { ApiKeysTable } from './database.js';
import type { SqlDialect } from './sql-dialect.js';
import { StoreError } from './store-error.js';
import type { KeyRecord } from './store.js';

const modelsSchema = z.array(z.string()).nullable();
const metadataSchema = z.record(z.string(), z.unknown());
const budgetPeriodSchema = z.enum(['day', 'week', 'month']).nullable();

export function mapKeyRow(row: Selectable<ApiKeysTable>, dialect: SqlDialect): KeyRecord {
  return {
    id: row.id,
    name: row.name,
    keyHash: row.key_hash,
    keyPrefix: row.key_prefix,
    models: parseColumn(row.id, 'models', modelsSchema, row.models === null ? null : dialect.decodeJson(row.models)),
    rpm: row.rpm,
    tpm: row.tpm,
    budgetUsd: row.budget_usd,
    budgetPeriod: parseColumn(row.id, 'budget_period', budgetPeriodSchema, row.budget_period),
    expiresAt: toDateOrNull(row.expires_at),
    metadata: parseColumn(row.id, 'metadata', metadataSchema, dialect.decodeJson(row.metadata)),
    revokedAt: toDateOrNull(row.revoked_at),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

function parseColumn<T>(id: string, column: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new StoreError('invalid_data', `Key ${id} has an invalid ${column} column: ${result.error.message}`);
  }
  return result.data;
}
