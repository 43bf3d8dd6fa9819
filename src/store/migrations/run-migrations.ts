/**
 * A small versioned migrator: `schema_migrations` records each applied version. Everything (creating
 * that table, reading it, applying, recording) happens inside the dialect's migration lock, so two
 * processes starting at once serialise and the second finds nothing left to do.
 */
import type { Kysely } from 'kysely';
import { toIso } from '../column-values.js';
import type { Database } from '../database.js';
import type { SqlDialect } from '../sql-dialect.js';
import { StoreError, describeError } from '../store-error.js';
import { migrationName, type Migration } from './migration.js';

export async function runMigrations(
  db: Kysely<Database>,
  dialect: SqlDialect,
  migrations: readonly Migration[],
  now: () => Date,
): Promise<string[]> {
  checkOrder(migrations);
  return dialect.withMigrationLock(db, async (locked) => {
    await dialect
      .finishTable(
        locked.schema
          .createTable('schema_migrations')
          .ifNotExists()
          .addColumn('version', dialect.types.integer, (column) => column.primaryKey())
          .addColumn('name', dialect.types.text, (column) => column.notNull())
          .addColumn('applied_at', dialect.types.timestamp, (column) => column.notNull()),
      )
      .execute();
    const rows = await locked.selectFrom('schema_migrations').select('version').execute();
    // Versions this build does not know (a newer release migrated) are left alone, so an older
    // instance can still start during a rolling deploy; migrations are written to be additive.
    const applied = new Set(rows.map((row) => row.version));
    const names: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      const name = migrationName(migration);
      try {
        await migration.up(locked, dialect);
      } catch (error) {
        throw new StoreError('migration_failed', `Migration ${name} failed: ${describeError(error)}`, { cause: error });
      }
      await locked
        .insertInto('schema_migrations')
        .values({ version: migration.version, name: migration.name, applied_at: toIso(now()) })
        .execute();
      names.push(name);
    }
    return names;
  });
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous !== undefined && migration.version <= previous.version) {
      throw new StoreError('migration_failed', `Migration versions must increase: ${migration.version} after ${previous.version}.`);
    }
  });
}
