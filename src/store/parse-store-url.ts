/**
 * SWITCHYARD_DATABASE_URL forms (design.md §1): `sqlite:PATH` (relative to the working directory),
 * `sqlite://PATH` (the same; `sqlite:///abs/path` is absolute), `sqlite::memory:`, and
 * `postgres://…` / `postgresql://…` (passed to pg as-is, so sslmode and friends work).
 */
import { StoreError } from './store-error.js';

export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export const MEMORY_PATH = ':memory:';

export function parseStoreUrl(url: string): StoreLocation {
  const trimmed = url.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { kind: 'postgres', url: trimmed };
  const sqlite = /^sqlite:(?:\/\/)?(.*)$/i.exec(trimmed);
  if (sqlite !== null) {
    const path = sqlite[1] ?? '';
    if (path === '') throw new StoreError('invalid_url', 'The SQLite database URL has no path: use sqlite:./data/switchyard.db.');
    return { kind: 'sqlite', path };
  }
  throw new StoreError(
    'invalid_url',
    `Unsupported database URL "${redactUrl(trimmed)}": use sqlite:PATH, sqlite::memory: or postgres://user@host/database.`,
  );
}

/** host:port/database of a Postgres URL, without user or password, for messages. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}/${database}`;
  } catch {
    return '(unparseable URL)';
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
