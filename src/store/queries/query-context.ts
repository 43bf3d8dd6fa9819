import type { Insertable, Kysely } from 'kysely';
import type { Database, UsageRecordsTable } from '../database.js';
import type { SqlDialect } from '../sql-dialect.js';

/** What every query function needs: the database, its dialect differences and the clock. */
export interface QueryContext {
  db: Kysely<Database>;
  dialect: SqlDialect;
  now: () => Date;
  /** Inserts usage rows faster than the query builder can (SQLite: prepared statements, off the main thread). */
  usageWriter?: UsageRowWriter | undefined;
}

export type UsageRow = Insertable<UsageRecordsTable>;

export interface UsageRowWriter {
  /** Inserts the rows in one transaction; resolves with how many were new (an id already stored counts once). */
  write(rows: readonly UsageRow[]): number | Promise<number>;
  close?(): Promise<void>;
}
