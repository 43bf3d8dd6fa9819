import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { migrationName } from '../migrations/migration.js';
import { MIGRATIONS } from '../migrations/migrations.js';
import { openStore } from '../open-store.js';
import { isStoreError } from '../store-error.js';

async function temporaryDirectory(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'switchyard-sqlite-'));
  t.after(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

test('a file database runs in WAL mode', async (t) => {
  const path = join(await temporaryDirectory(t), 'wal.db');
  const store = await openStore(`sqlite:${path}`);
  await store.migrate();
  await store.close();
  const raw = new BetterSqlite3(path, { readonly: true });
  t.after(() => raw.close());
  assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
});

test('sqlite::memory: gives a working, private store', async () => {
  const store = await openStore('sqlite::memory:');
  assert.equal(store.backend, 'sqlite');
  await store.migrate();
  await store.createKey({ name: 'memory', keyHash: 'ab'.repeat(32), keyPrefix: 'sk-mem' });
  assert.equal((await store.listKeys()).length, 1);
  await store.close();
});

test('a path that cannot be created fails with a clear error', async (t) => {
  const blocker = join(await temporaryDirectory(t), 'a-file');
  await writeFile(blocker, 'not a directory');
  await assert.rejects(openStore(`sqlite:${join(blocker, 'db', 'x.db')}`), (error) => {
    assert.ok(isStoreError(error, 'unavailable'));
    assert.match(error.message, /Cannot open the SQLite database .*a-file/);
    return true;
  });
});

test('two processes migrating one file at the same instant apply each migration once', async (t) => {
  const path = join(await temporaryDirectory(t), 'shared.db');
  // An existing, empty schema_migrations table (as a release with pending migrations finds it) makes
  // both processes read "pending" before writing: only the up-front write lock keeps them apart.
  const raw = new BetterSqlite3(path);
  raw.exec('create table schema_migrations (version integer primary key, name text not null, applied_at text not null) strict');
  raw.close();
  const script = fileURLToPath(new URL('../testing/migrate-sqlite-file.ts', import.meta.url));
  const children = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx', script, path], { stdio: ['pipe', 'pipe', 'inherit'] }));
  t.after(() => children.forEach((child) => child.kill()));
  const outputs = children.map((child) => collect(child.stdout));
  await Promise.all(outputs.map((output) => output.ready));
  for (const child of children) child.stdin.write('go\n');
  const results = await Promise.all(outputs.map((output) => output.done));
  const applied = results.flatMap((text) => z.array(z.string()).parse(JSON.parse(text)));
  assert.deepEqual(applied.sort(), MIGRATIONS.map(migrationName).sort());
});

/** Resolves `ready` on the child's first line and `done` with its second (the JSON result). */
function collect(stream: Readable): { ready: Promise<void>; done: Promise<string> } {
  let text = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const done = new Promise<string>((resolve, reject) => {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      text += chunk;
      const lines = text.split('\n');
      if (lines.length > 1) onReady();
      if (lines.length > 2) resolve(lines[1] ?? '');
    });
    stream.on('end', () => reject(new Error(`child ended early with: ${text}`)));
  });
  return { ready, done };
}
