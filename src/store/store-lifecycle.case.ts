/** Contract cases for migrations, settings, reopening and health (part of store.case.ts). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { migrationName } from './migrations/migration.js';
import { MIGRATIONS } from './migrations/migrations.js';
import { isStoreError } from './store-error.js';
import { fixture, hashOf, usageRecord, type StoreHarness } from './testing/store-fixtures.js';

const ALL_MIGRATIONS = MIGRATIONS.map(migrationName);

export function lifecycleCases(harness: StoreHarness): void {
  describe('lifecycle', () => {
    test('migrate applies every migration once and is idempotent', async (t) => {
      const { store } = await fixture(t, harness, { migrate: false });
      assert.deepEqual(await store.migrate(), ALL_MIGRATIONS);
      assert.deepEqual(await store.migrate(), []);
      await store.createKey({ name: 'works', keyHash: hashOf('m'), keyPrefix: 'sk-m' });
    });

    if (harness.concurrentInstances) {
      test('instances migrating at once apply each migration exactly once', async (t) => {
        const { store, open } = await fixture(t, harness, { migrate: false });
        const stores = [store, await open(), await open(), await open()];
        const applied = await Promise.all(stores.map((each) => each.migrate()));
        assert.deepEqual(applied.flat().sort(), [...ALL_MIGRATIONS].sort());
        await stores[3]?.createKey({ name: 'works', keyHash: hashOf('c'), keyPrefix: 'sk-c' });
      });
    }

    test('setSettingIfAbsent keeps the first value, also when two callers race', async (t) => {
      const { store, open } = await fixture(t, harness);
      const other = harness.concurrentInstances ? await open() : store;
      assert.equal(await store.getSetting('master_key_hash'), null);
      const [first, second] = await Promise.all([
        store.setSettingIfAbsent('master_key_hash', 'hash-one'),
        other.setSettingIfAbsent('master_key_hash', 'hash-two'),
      ]);
      assert.equal(first, second);
      assert.ok(first === 'hash-one' || first === 'hash-two');
      assert.equal(await store.setSettingIfAbsent('master_key_hash', 'hash-three'), first);
      assert.equal(await other.getSetting('master_key_hash'), first);
    });

    test('data survives closing and reopening', async (t) => {
      const { store, open } = await fixture(t, harness);
      const key = await store.createKey({ name: 'durable', keyHash: hashOf('d'), keyPrefix: 'sk-d', metadata: { owner: 'ops' } });
      const record = usageRecord({ keyId: key.id, costUsd: 0.42 });
      await store.insertUsage([record]);
      await store.setSettingIfAbsent('instance', 'one');
      await store.close();
      await store.close();

      const reopened = await open();
      assert.deepEqual(await reopened.migrate(), []);
      assert.deepEqual(await reopened.getKey(key.id), key);
      assert.deepEqual((await reopened.listRequests({ limit: 10 })).records, [record]);
      assert.equal(await reopened.keySpend(key.id, null), 0.42);
      assert.equal(await reopened.getSetting('instance'), 'one');
    });

    test('ping answers while open and reports unavailable once closed', async (t) => {
      const { store } = await fixture(t, harness);
      await store.ping();
      await store.close();
      await assert.rejects(store.ping(), (error) => isStoreError(error, 'unavailable'));
    });

    const openUnreachable = harness.openUnreachable;
    if (openUnreachable !== undefined) {
      test('an unreachable server gives a clear error from ping and migrate', async (t) => {
        const store = await openUnreachable();
        t.after(() => store.close());
        await assert.rejects(store.ping(), (error) => {
          assert.ok(isStoreError(error, 'unavailable'));
          assert.ok(error.retryable);
          assert.match(error.message, /Cannot reach the Postgres database 127\.0\.0\.1:1\/switchyard: .*ECONNREFUSED/);
          return true;
        });
        await assert.rejects(store.migrate());
      });
    }
  });
}
