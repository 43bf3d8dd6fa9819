import { sql } from 'kysely';
import type { Migration } from './migration.js';

export const initialSchema: Migration = {
  version: 1,
  name: 'initial-schema',
  async up(db, dialect) {
    const { text, integer, bigint, double, timestamp, json, flag } = dialect.types;

    await dialect
      .finishTable(
        db.schema
          .createTable('api_keys')
          .addColumn('id', text, (column) => column.primaryKey())
          .addColumn('name', text, (column) => column.notNull())
          .addColumn('key_hash', text, (column) => column.notNull().unique())
          .addColumn('key_prefix', text, (column) => column.notNull())
          .addColumn('models', json)
          .addColumn('rpm', integer)
          .addColumn('tpm', integer)
          .addColumn('budget_usd', double)
          .addColumn('budget_period', text, (column) => column.check(sql`budget_period in ('day', 'week', 'month')`))
          .addColumn('expires_at', timestamp)
          .addColumn('metadata', json, (column) => column.notNull())
          .addColumn('revoked_at', timestamp)
          .addColumn('created_at', timestamp, (column) => column.notNull())
          .addColumn('updated_at', timestamp, (column) => column.notNull()),
      )
      .execute();
    // Cache refresh polling across instances (listKeysUpdatedSince).
    await db.schema.createIndex('api_keys_updated_at_idx').on('api_keys').column('updated_at').execute();

    // No foreign key to api_keys on purpose: a usage batch must never be rejected (and retried
    // forever) because of the key it names, and the master key has no row at all.
    await dialect
      .finishTable(
        db.schema
          .createTable('usage_records')
          .addColumn('id', text, (column) => column.primaryKey())
          .addColumn('key_id', text)
          .addColumn('model', text, (column) => column.notNull())
          .addColumn('provider', text)
          .addColumn('upstream_model', text)
          .addColumn('prompt_tokens', integer, (column) => column.notNull())
          .addColumn('completion_tokens', integer, (column) => column.notNull())
          .addColumn('cached_tokens', integer, (column) => column.notNull())
          .addColumn('cache_write_tokens', integer, (column) => column.notNull())
          .addColumn('reasoning_tokens', integer, (column) => column.notNull())
          .addColumn('cost_usd_e10', bigint)
          .addColumn('latency_ms', integer, (column) => column.notNull())
          .addColumn('ttft_ms', integer)
          .addColumn('status', integer, (column) => column.notNull())
          .addColumn('error_code', text)
          .addColumn('stream', flag, (column) => column.notNull())
          .addColumn('retries', integer, (column) => column.notNull())
          .addColumn('fallbacks', integer, (column) => column.notNull())
          .addColumn('created_at', timestamp, (column) => column.notNull()),
      )
      .execute();
    // Request log paging and date-ranged reports (newest first, id breaks ties).
    await db.schema.createIndex('usage_records_created_at_idx').on('usage_records').columns(['created_at', 'id']).execute();
    // Per-key spend and per-key filters.
    await db.schema.createIndex('usage_records_key_id_idx').on('usage_records').columns(['key_id', 'created_at']).execute();
    // Request log filtered by model.
    await db.schema.createIndex('usage_records_model_idx').on('usage_records').columns(['model', 'created_at']).execute();

    await dialect
      .finishTable(
        db.schema
          .createTable('settings')
          .addColumn('name', text, (column) => column.primaryKey())
          .addColumn('value', text, (column) => column.notNull())
          .addColumn('created_at', timestamp, (column) => column.notNull()),
      )
      .execute();
  },
};
