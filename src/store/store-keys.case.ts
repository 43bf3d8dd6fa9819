/** Contract cases for virtual keys (part of store.case.ts). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isStoreError } from './store-error.js';
import { fixture, hashOf, type StoreHarness } from './testing/store-fixtures.js';

export function keyCases(harness: StoreHarness): void {
  describe('keys', () => {
    test('creates a key with defaults and reads it back by id and by hash', async (t) => {
      const { store, clock } = await fixture(t, harness);
      const created = await store.createKey({ name: 'ci', keyHash: hashOf('sk-one'), keyPrefix: 'sk-one' });
      assert.match(created.id, /^key_[0-9a-f]{24}$/);
      assert.deepEqual(created, {
        id: created.id,
        name: 'ci',
        keyHash: hashOf('sk-one'),
        keyPrefix: 'sk-one',
        models: null,
        rpm: null,
        tpm: null,
        budgetUsd: null,
        budgetPeriod: null,
        expiresAt: null,
        metadata: {},
        revokedAt: null,
        createdAt: clock.now(),
        updatedAt: clock.now(),
      });
      assert.deepEqual(await store.getKey(created.id), created);
      assert.deepEqual(await store.findKeyByHash(hashOf('sk-one')), created);
      assert.equal(await store.getKey('key_missing'), null);
      assert.equal(await store.findKeyByHash(hashOf('nope')), null);
    });

    test('keeps every field of a fully specified key', async (t) => {
      const { store } = await fixture(t, harness);
      const created = await store.createKey({
        name: 'agents',
        keyHash: hashOf('sk-two'),
        keyPrefix: 'sk-two',
        models: ['gpt-4o', 'anthropic/*'],
        rpm: 60,
        tpm: 100_000,
        budgetUsd: 12.5,
        budgetPeriod: 'month',
        expiresAt: new Date('2026-01-01T00:00:00.123Z'),
        metadata: { team: 'search', tags: ['a', 'b'], nested: { level: 2 } },
      });
      const read = await store.getKey(created.id);
      assert.deepEqual(read, created);
      assert.deepEqual(read?.models, ['gpt-4o', 'anthropic/*']);
      assert.deepEqual(read?.metadata, { team: 'search', tags: ['a', 'b'], nested: { level: 2 } });
      assert.equal(read?.budgetPeriod, 'month');
      assert.deepEqual(read?.expiresAt, new Date('2026-01-01T00:00:00.123Z'));
    });

    test('rejects a second key with the same hash', async (t) => {
      const { store } = await fixture(t, harness);
      await store.createKey({ name: 'first', keyHash: hashOf('same'), keyPrefix: 'sk-same' });
      await assert.rejects(
        store.createKey({ name: 'second', keyHash: hashOf('same'), keyPrefix: 'sk-same' }),
        (error) => isStoreError(error, 'conflict'),
      );
      assert.equal((await store.listKeys()).length, 1);
    });

    test('lists every key newest first, revoked ones included', async (t) => {
      const { store, clock } = await fixture(t, harness);
      await store.createKey({ name: 'first', keyHash: hashOf('1'), keyPrefix: 'sk-1' });
      clock.advance(1_000);
      const second = await store.createKey({ name: 'second', keyHash: hashOf('2'), keyPrefix: 'sk-2' });
      clock.advance(1_000);
      await store.createKey({ name: 'third', keyHash: hashOf('3'), keyPrefix: 'sk-3' });
      await store.revokeKey(second.id);
      const keys = await store.listKeys();
      assert.deepEqual(keys.map((key) => key.name), ['third', 'second', 'first']);
      assert.ok(keys[1]?.revokedAt instanceof Date);
    });

    test('patches: undefined keeps a field, null clears it, unknown ids give null', async (t) => {
      const { store, clock } = await fixture(t, harness);
      const created = await store.createKey({
        name: 'patch-me',
        keyHash: hashOf('patch'),
        keyPrefix: 'sk-patch',
        models: ['gpt-4o'],
        rpm: 10,
        tpm: 1000,
        budgetUsd: 5,
        budgetPeriod: 'day',
        expiresAt: new Date('2026-01-01T00:00:00.000Z'),
        metadata: { a: 1 },
      });
      const later = clock.advance(60_000);
      const patched = await store.updateKey(created.id, {
        name: 'renamed',
        models: null,
        rpm: undefined,
        tpm: null,
        budgetUsd: 7.25,
        budgetPeriod: null,
        metadata: { b: 2 },
      });
      assert.deepEqual(patched, {
        ...created,
        name: 'renamed',
        models: null,
        tpm: null,
        budgetUsd: 7.25,
        budgetPeriod: null,
        metadata: { b: 2 },
        updatedAt: later,
      });
      assert.deepEqual(await store.getKey(created.id), patched);
      const cleared = await store.updateKey(created.id, { expiresAt: null, rpm: null, models: ['x/*'] });
      assert.equal(cleared?.expiresAt, null);
      assert.equal(cleared?.rpm, null);
      assert.deepEqual(cleared?.models, ['x/*']);
      assert.equal(cleared?.name, 'renamed');
      assert.equal(await store.updateKey('key_missing', { name: 'x' }), null);
    });

    test('revokes once: the first revocation time stands', async (t) => {
      const { store, clock } = await fixture(t, harness);
      const created = await store.createKey({ name: 'r', keyHash: hashOf('r'), keyPrefix: 'sk-r' });
      const revokedAt = clock.advance(5_000);
      const revoked = await store.revokeKey(created.id);
      assert.deepEqual(revoked?.revokedAt, revokedAt);
      assert.deepEqual(revoked?.updatedAt, revokedAt);
      clock.advance(5_000);
      const again = await store.revokeKey(created.id, new Date('2030-01-01T00:00:00.000Z'));
      assert.deepEqual(again?.revokedAt, revokedAt);
      assert.deepEqual((await store.findKeyByHash(hashOf('r')))?.revokedAt, revokedAt);
      assert.equal(await store.revokeKey('key_missing'), null);
      const explicit = await store.createKey({ name: 'e', keyHash: hashOf('e'), keyPrefix: 'sk-e' });
      const when = new Date('2025-02-01T00:00:00.000Z');
      assert.deepEqual((await store.revokeKey(explicit.id, when))?.revokedAt, when);
    });

    test('lists keys changed since a time, for cache polling', async (t) => {
      const { store, clock } = await fixture(t, harness);
      const first = await store.createKey({ name: 'first', keyHash: hashOf('p1'), keyPrefix: 'sk-p1' });
      const secondCreated = clock.advance(1_000);
      const second = await store.createKey({ name: 'second', keyHash: hashOf('p2'), keyPrefix: 'sk-p2' });
      assert.deepEqual((await store.listKeysUpdatedSince(secondCreated)).map((key) => key.id), [second.id]);

      const patchedAt = clock.advance(1_000);
      await store.updateKey(first.id, { rpm: 5 });
      assert.deepEqual((await store.listKeysUpdatedSince(patchedAt)).map((key) => key.id), [first.id]);

      const revokedAt = clock.advance(1_000);
      await store.revokeKey(second.id);
      const changed = await store.listKeysUpdatedSince(revokedAt);
      assert.deepEqual(changed.map((key) => key.id), [second.id]);
      assert.deepEqual(changed[0]?.revokedAt, revokedAt);

      assert.equal((await store.listKeysUpdatedSince(clock.advance(1))).length, 0);
      assert.deepEqual((await store.listKeysUpdatedSince(new Date(0))).map((key) => key.id), [first.id, second.id]);
    });
  });
}
