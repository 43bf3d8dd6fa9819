/**
 * What differs between SQLite and Postgres, and nothing else: every query is written once against
 * Kysely in `queries/`, and reaches for this object only where the SQL itself must differ.
 */
import type { CreateTableBuilder, Kysely, RawBuilder } from 'kysely';
import type { Database } from './database.js';

/** A column type as `addColumn` takes it (Kysely does not export the alias itself). */
export type DataTypeExpression = Parameters<CreateTableBuilder<string>['addColumn']>[1];

export interface ColumnTypes {
  /** Text compared byte-wise on both backends, so ordering and grouping agree. */
  text: DataTypeExpression;
  integer: DataTypeExpression;
  bigint: DataTypeExpression;
  double: DataTypeExpression;
  timestamp: DataTypeExpression;
  json: DataTypeExpression;
  flag: DataTypeExpression;
}

export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  readonly types: ColumnTypes;
  /** Adds backend options to a CREATE TABLE (SQLite: STRICT, so a wrongly typed write fails loudly). */
  finishTable<T extends string, C extends string>(builder: CreateTableBuilder<T, C>): CreateTableBuilder<T, C>;
  /** The UTC calendar day `YYYY-MM-DD` of a timestamp column. */
  utcDay(column: string): RawBuilder<string>;
  /** A JSON column's value as read back (Postgres parses jsonb itself; SQLite returns text). */
  decodeJson(value: unknown): unknown;
  isUniqueViolation(error: unknown): boolean;
  /**
   * Runs `run` inside one transaction that no other process can enter at the same time, so two
   * instances starting together never apply the same migration twice.
   */
  withMigrationLock<T>(db: Kysely<Database>, run: (db: Kysely<Database>) => Promise<T>): Promise<T>;
}

/** The driver error's `code` property (pg SQLSTATE, better-sqlite3 SQLITE_*), if any. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
