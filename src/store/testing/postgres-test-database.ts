/**
 * Throwaway Postgres for tests: each test file gets its own database `switchyard_test_<random>`
 * (created through the server's `postgres` database, dropped WITH FORCE when the file ends), and
 * each test gets a fresh schema in it, selected through the connection's search_path. A schema costs
 * milliseconds where CREATE DATABASE costs half a second. An unreachable server is a test failure
 * with instructions, never a skip: CI and developer machines run Postgres.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describePostgresUrl } from '../parse-store-url.js';
import { describeError } from '../store-error.js';

// Test-only override for a Postgres elsewhere; the application itself reads env only in its config loader.
const ADMIN_URL = process.env.SWITCHYARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// Hex only, so names are safe to splice into DDL (identifiers cannot be bound parameters).
const randomName = (prefix: string): string => `${prefix}_${randomBytes(6).toString('hex')}`;

export interface PostgresTestSchema {
  /** Connects to the test database with this schema first on the search_path. */
  url: string;
  drop(): Promise<void>;
}

export class PostgresTestDatabase {
  readonly name = randomName('switchyard_test');
  #created: Promise<void> | null = null;

  /** The database URL (no schema selected). */
  get url(): string {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${this.name}`;
    return url.toString();
  }

  async createSchema(): Promise<PostgresTestSchema> {
    this.#created ??= withClient(ADMIN_URL, (client) => client.query(`create database "${this.name}"`)).then(() => undefined);
    await this.#created;
    const schema = randomName('test');
    await withClient(this.url, (client) => client.query(`create schema "${schema}"`));
    const url = new URL(this.url);
    // A session time zone far from UTC (+14h) proves day grouping and timestamps ignore it.
    url.searchParams.set('options', `-c search_path=${schema} -c TimeZone=Pacific/Kiritimati`);
    return {
      url: url.toString(),
      drop: async () => {
        await withClient(this.url, (client) => client.query(`drop schema if exists "${schema}" cascade`));
      },
    };
  }

  async drop(): Promise<void> {
    if (this.#created === null) return;
    await withClient(ADMIN_URL, (client) => client.query(`drop database if exists "${this.name}" with (force)`));
  }
}

async function withClient<T>(connectionString: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(
      `These tests need Postgres at ${describePostgresUrl(connectionString)} (${describeError(error)}). ` +
        'Start it (e.g. `pg_ctlcluster --skip-systemctl-redirect 15 main start`) or set SWITCHYARD_TEST_POSTGRES_URL.',
    );
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
