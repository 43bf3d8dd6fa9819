import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { SqlDialect } from '../sql-dialect.js';

/** What every query function needs: the database, its dialect differences and the clock. */
export interface QueryContext {
  db: Kysely<Database>;
  dialect: SqlDialect;
  now: () => Date;
}
