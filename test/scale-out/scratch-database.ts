/**
 * A fresh Postgres database for one test file (`switchyard_scale_<random>`), the URL gateways use
 * to reach it (directly or through a relay's port), direct queries for assertions, and a drop WITH
 * FORCE at the end. An unreachable server is a failure with instructions, never a skip.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const HOST = '127.0.0.1';
const PORT = 5432;
const ADMIN_URL = `postgres://postgres@${HOST}:${PORT}/postgres`;

export class ScratchDatabase {
  // Hex only, so the name is safe to splice into DDL.
  readonly name = `switchyard_scale_${randomBytes(6).toString('hex')}`;
  readonly host = HOST;
  readonly port = PORT;

  private constructor() {}

  static async create(): Promise<ScratchDatabase> {
    const database = new ScratchDatabase();
    await withClient(ADMIN_URL, (client) => client.query(`create database "${database.name}"`));
    return database;
  }

  /** The URL for SWITCHYARD_DATABASE_URL; `port` points it at a relay instead of the server. */
  url(port = PORT): string {
    return `postgres://postgres@${HOST}:${port}/${this.name}`;
  }

  async query<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
    return withClient(this.url(), async (client) => (await client.query<Row>(text, values)).rows);
  }

  async drop(): Promise<void> {
    await withClient(ADMIN_URL, (client) => client.query(`drop database if exists "${this.name}" with (force)`));
  }
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(
      `The scale-out tests need Postgres at ${HOST}:${PORT} (${error instanceof Error ? error.message : String(error)}). ` +
        'Start it (e.g. `pg_ctlcluster --skip-systemctl-redirect 15 main start`).',
    );
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
