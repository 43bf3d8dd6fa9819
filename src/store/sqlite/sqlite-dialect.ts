import { sql } from 'kysely';
import type { SqlDialect } from '../sql-dialect.js';
import { errorCode } from '../sql-dialect.js';

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  types: {
    text: 'text',
    integer: 'integer',
    bigint: 'integer',
    double: 'real',
    // ISO-8601 UTC with milliseconds (Date.toISOString): fixed width, so text order is time order.
    timestamp: 'text',
    json: 'text',
    flag: 'integer',
  },
  finishTable: (builder) => builder.modifyEnd(sql`strict`),
  utcDay: (column) => sql<string>`substr(${sql.ref(column)}, 1, 10)`,
  decodeJson: (value) => (typeof value === 'string' ? JSON.parse(value) : value),
  isUniqueViolation: (error) => {
    const code = errorCode(error);
    return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  },
  withMigrationLock: (db, run) =>
    db.connection().execute(async (connection) => {
      // BEGIN IMMEDIATE takes the write lock before schema_migrations is read: a second process
      // waits (busy_timeout) and then sees the migrations already applied. A plain BEGIN would let
      // both read "pending" and the loser fail with SQLITE_BUSY_SNAPSHOT.
      await sql`begin immediate`.execute(connection);
      try {
        const result = await run(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection);
        throw error;
      }
    }),
};
