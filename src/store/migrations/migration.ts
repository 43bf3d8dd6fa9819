import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { SqlDialect } from '../sql-dialect.js';

/**
 * One schema change. Versions only ever grow; a released migration is never edited (add a new one).
 * `up` runs inside the migration transaction, so a failing migration leaves no half-applied schema
 * (DDL is transactional on both SQLite and Postgres).
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<Database>, dialect: SqlDialect): Promise<void>;
}

/** `0001-initial-schema`: how migrations are reported by `Store.migrate()`. */
export const migrationName = (migration: Migration): string => `${String(migration.version).padStart(4, '0')}-${migration.name}`;
