import { sql } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';
import { errorCode } from '../sql-dialect.js';

/** Arbitrary but fixed advisory-lock id ("Swit" in ASCII); advisory locks are per database. */
const MIGRATION_LOCK_ID = 0x53776974;

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  types: {
    // COLLATE "C" compares bytes like SQLite does, so ids, models and cursors order identically on
    // both backends (and btree lookups skip locale rules).
    text: sql`text collate "C"`,
    integer: 'integer',
    bigint: 'bigint',
    double: 'double precision',
    timestamp: 'timestamptz',
    json: 'jsonb',
    flag: 'boolean',
  },
  finishTable: (builder) => builder,
  utcDay: (column) => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD')`,
  // pg parses jsonb itself.
  decodeJson: (value) => value,
  // https://www.postgresql.org/docs/current/errcodes-appendix.html — 23505 unique_violation
  isUniqueViolation: (error) => errorCode(error) === '23505',
  withMigrationLock: (db, run) =>
    db.transaction().execute(async (transaction) => {
      // Transaction-scoped: released by COMMIT/ROLLBACK, so a crashed migrator can never leave it held.
      await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK_ID)})`.execute(transaction);
      return run(transaction);
    }),
};
