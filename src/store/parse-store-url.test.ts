import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describePostgresUrl, parseStoreUrl } from './parse-store-url.js';
import { isStoreError } from './store-error.js';

test('reads the SQLite forms', () => {
  assert.deepEqual(parseStoreUrl('sqlite:./data/switchyard.db'), { kind: 'sqlite', path: './data/switchyard.db' });
  assert.deepEqual(parseStoreUrl('sqlite:/var/lib/switchyard.db'), { kind: 'sqlite', path: '/var/lib/switchyard.db' });
  assert.deepEqual(parseStoreUrl('sqlite:///var/lib/switchyard.db'), { kind: 'sqlite', path: '/var/lib/switchyard.db' });
  assert.deepEqual(parseStoreUrl('sqlite://data/x.db'), { kind: 'sqlite', path: 'data/x.db' });
  assert.deepEqual(parseStoreUrl('sqlite::memory:'), { kind: 'sqlite', path: ':memory:' });
});

test('passes Postgres URLs through untouched', () => {
  const url = 'postgres://switchyard:secret@db:5433/switchyard?sslmode=require';
  assert.deepEqual(parseStoreUrl(url), { kind: 'postgres', url });
  assert.deepEqual(parseStoreUrl('postgresql://db/x'), { kind: 'postgres', url: 'postgresql://db/x' });
});

test('rejects other forms without echoing credentials', () => {
  assert.throws(() => parseStoreUrl('sqlite:'), (error) => isStoreError(error, 'invalid_url'));
  assert.throws(
    () => parseStoreUrl('mysql://root:hunter2@db/x'),
    (error) => isStoreError(error, 'invalid_url') && !error.message.includes('hunter2'),
  );
});

test('describes a Postgres target without user or password', () => {
  assert.equal(describePostgresUrl('postgres://user:secret@db.internal:6543/switchyard'), 'db.internal:6543/switchyard');
  assert.equal(describePostgresUrl('postgres://db/switchyard'), 'db:5432/switchyard');
});
