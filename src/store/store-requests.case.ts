/** Contract cases for the request log (part of store.case.ts). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isStoreError } from './store-error.js';
import type { RequestQuery, Store, UsageRecord } from './store.js';
import { at, fixture, usageRecord, type StoreHarness } from './testing/store-fixtures.js';

async function readAll(store: Store, query: Omit<RequestQuery, 'before'>): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let before: string | undefined;
  let pages = 0;
  do {
    const page = await store.listRequests({ ...query, before });
    ids.push(...page.records.map((record) => record.id));
    pages += 1;
    before = page.nextCursor ?? undefined;
  } while (before !== undefined && pages < 100);
  return { ids, pages };
}

const newestFirst = (records: UsageRecord[]): string[] =>
  [...records]
    .sort((left, right) => right.createdAt.getTime() - left.createdAt.getTime() || (left.id < right.id ? 1 : -1))
    .map((record) => record.id);

export function requestCases(harness: StoreHarness): void {
  describe('request log', () => {
    test('keeps the door each call came in by, and filters on it', async (t) => {
      const { store } = await fixture(t, harness);
      await store.insertUsage([
        usageRecord({ id: 'req_chat', door: 'chat' }),
        usageRecord({ id: 'req_messages', door: 'messages' }),
        usageRecord({ id: 'req_responses', door: 'responses' }),
      ]);
      const messages = await store.listRequests({ limit: 10, door: 'messages' });
      assert.deepEqual(messages.records.map((record) => [record.id, record.door]), [['req_messages', 'messages']]);
      assert.equal((await store.getRequest('req_responses'))?.door, 'responses');
    });

    test('pages newest first with a cursor, ties on the timestamp included', async (t) => {
      const { store } = await fixture(t, harness);
      // Three records share each millisecond, so only the id can order them within a page boundary.
      const records = Array.from({ length: 25 }, (_, index) =>
        usageRecord({ id: `req_${String.fromCharCode(97 + (index % 26))}${index}`, createdAt: new Date(Date.UTC(2025, 2, 1) + Math.floor(index / 3)) }),
      );
      await store.insertUsage(records);
      const first = await store.listRequests({ limit: 10 });
      assert.equal(first.records.length, 10);
      assert.ok(first.nextCursor !== null);
      const all = await readAll(store, { limit: 10 });
      assert.equal(all.pages, 3);
      assert.deepEqual(all.ids, newestFirst(records));
      const exact = await readAll(store, { limit: 25 });
      assert.equal(exact.pages, 1);
    });

    test('filters by key, master key, model, status and time range', async (t) => {
      const { store } = await fixture(t, harness);
      const records = [
        usageRecord({ keyId: 'key_a', model: 'gpt-4o', status: 200, createdAt: at('2025-03-01T00:00:00.000Z') }),
        usageRecord({ keyId: 'key_b', model: 'gpt-4o', status: 429, errorCode: 'rate_limit_exceeded', createdAt: at('2025-03-02T00:00:00.000Z') }),
        usageRecord({ keyId: null, model: 'claude-4-5-haiku', status: 200, createdAt: at('2025-03-03T00:00:00.000Z') }),
        usageRecord({ keyId: 'key_a', model: 'claude-4-5-haiku', status: 502, createdAt: at('2025-03-04T00:00:00.000Z') }),
      ];
      await store.insertUsage(records);
      const ids = async (query: Omit<RequestQuery, 'limit'>) => (await store.listRequests({ limit: 100, ...query })).records.map((record) => record.id);
      const [a1, b, master, a2] = records.map((record) => record.id);
      assert.deepEqual(await ids({}), [a2, master, b, a1]);
      assert.deepEqual(await ids({ keyId: 'key_a' }), [a2, a1]);
      assert.deepEqual(await ids({ keyId: null }), [master]);
      assert.deepEqual(await ids({ model: 'gpt-4o' }), [b, a1]);
      assert.deepEqual(await ids({ status: 200 }), [master, a1]);
      assert.deepEqual(await ids({ since: at('2025-03-02T00:00:00.000Z'), until: at('2025-03-04T00:00:00.000Z') }), [master, b]);
      assert.deepEqual(await ids({ keyId: 'key_a', model: 'claude-4-5-haiku', status: 502 }), [a2]);
      const paged = await readAll(store, { limit: 1, keyId: 'key_a' });
      assert.deepEqual(paged.ids, [a2, a1]);
    });

    test('clamps the page size and rejects a forged cursor', async (t) => {
      const { store } = await fixture(t, harness);
      await store.insertUsage([usageRecord(), usageRecord()]);
      assert.equal((await store.listRequests({ limit: 0 })).records.length, 1);
      assert.equal((await store.listRequests({ limit: 5000 })).records.length, 2);
      await assert.rejects(store.listRequests({ limit: 10, before: 'not-a-cursor' }), (error) => isStoreError(error, 'invalid_cursor'));
    });
  });
}
