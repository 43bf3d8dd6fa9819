/** Contract cases for the usage log, spend and reports (part of store.case.ts). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { UsageReportRow } from './store.js';
import { at, fixture, usageRecord, type StoreHarness } from './testing/store-fixtures.js';

const row = (group: string | null, values: Partial<UsageReportRow>): UsageReportRow => ({
  group,
  requests: 0,
  promptTokens: 0,
  completionTokens: 0,
  cachedTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd: 0,
  unpricedRequests: 0,
  ...values,
});

// Straddles UTC midnights on purpose: day grouping must not follow any local time zone.
const reportRecords = () => [
  usageRecord({ keyId: 'key_a', model: 'gpt-4o', promptTokens: 100, completionTokens: 50, cachedTokens: 20, cacheWriteTokens: 5, reasoningTokens: 10, costUsd: 0.1, createdAt: at('2025-03-01T23:59:59.999Z') }),
  usageRecord({ keyId: 'key_b', model: 'claude-4-5-sonnet', promptTokens: 200, completionTokens: 20, costUsd: 0.2, createdAt: at('2025-03-02T00:00:00.000Z') }),
  usageRecord({ keyId: null, model: 'gpt-4o', promptTokens: 1, completionTokens: 1, costUsd: null, status: 502, createdAt: at('2025-03-02T12:00:00.000Z') }),
  usageRecord({ keyId: 'key_a', model: 'claude-4-5-sonnet', promptTokens: 1000, completionTokens: 1000, costUsd: 1.23456789, createdAt: at('2025-03-03T08:00:00.000Z') }),
];

export function usageCases(harness: StoreHarness): void {
  describe('usage', () => {
    test('round-trips every field of a usage record', async (t) => {
      const { store } = await fixture(t, harness);
      const full = usageRecord({ cachedTokens: 3, cacheWriteTokens: 2, reasoningTokens: 4, stream: true, retries: 1, fallbacks: 2, costUsd: 0.0000123456, createdAt: at('2025-03-01T10:00:00.123Z') });
      const bare = usageRecord({ keyId: null, provider: null, upstreamModel: null, costUsd: null, ttftMs: null, status: 404, errorCode: 'model_not_found', createdAt: at('2025-03-01T10:00:01.000Z') });
      assert.equal(await store.insertUsage([full, bare]), 2);
      const { records } = await store.listRequests({ limit: 10 });
      assert.deepEqual(records, [bare, full]);
    });

    test('insertUsage is idempotent on the request id', async (t) => {
      const { store } = await fixture(t, harness);
      const batch = [usageRecord({ costUsd: 0.5 }), usageRecord({ costUsd: 0.25 })];
      assert.equal(await store.insertUsage([]), 0);
      assert.equal(await store.insertUsage(batch), 2);
      assert.equal(await store.insertUsage(batch), 0);
      const duplicateInBatch = usageRecord({ costUsd: 1 });
      assert.equal(await store.insertUsage([duplicateInBatch, { ...duplicateInBatch, costUsd: 99 }, batch[0]!]), 1);
      const [total] = await store.usageReport({ groupBy: 'model' });
      assert.deepEqual(total, row('gpt-4o', { requests: 3, promptTokens: 30, completionTokens: 15, costUsd: 1.75 }));
    });

    test('inserts a batch larger than one statement in one call', async (t) => {
      const { store } = await fixture(t, harness);
      const batch = Array.from({ length: 1203 }, (_, index) => usageRecord({ createdAt: new Date(Date.UTC(2025, 2, 1) + index) }));
      assert.equal(await store.insertUsage(batch), 1203);
      assert.equal(await store.insertUsage(batch), 0);
      const [total] = await store.usageReport({ groupBy: 'key' });
      assert.equal(total?.requests, 1203);
      assert.equal(total?.costUsd, 1.203);
    });

    if (harness.concurrentInstances) {
      test('two instances flushing the same batch at once count it once', async (t) => {
        const { store, open } = await fixture(t, harness);
        const other = await open();
        const batch = Array.from({ length: 50 }, () => usageRecord({ costUsd: 0.01 }));
        const inserted = await Promise.all([store.insertUsage(batch), other.insertUsage(batch)]);
        assert.equal(inserted[0] + inserted[1], 50);
        assert.equal(await store.keySpend('key_a', null), 0.5);
      });
    }

    test('sums costs exactly (no floating-point drift) and counts unpriced requests', async (t) => {
      const { store } = await fixture(t, harness);
      await store.insertUsage(Array.from({ length: 10 }, () => usageRecord({ costUsd: 0.1 })));
      await store.insertUsage([usageRecord({ costUsd: 0.2, model: 'm' }), usageRecord({ costUsd: 0.1, model: 'm' }), usageRecord({ costUsd: null, model: 'm' })]);
      assert.equal(await store.keySpend('key_a', null), 1.3);
      const report = await store.usageReport({ groupBy: 'model' });
      assert.deepEqual(report.map((line) => [line.group, line.costUsd, line.unpricedRequests]), [
        ['gpt-4o', 1, 0],
        ['m', 0.3, 1],
      ]);
    });

    test('reports by model, key and UTC day', async (t) => {
      const { store } = await fixture(t, harness);
      await store.insertUsage(reportRecords());
      assert.deepEqual(await store.usageReport({ groupBy: 'model' }), [
        row('claude-4-5-sonnet', { requests: 2, promptTokens: 1200, completionTokens: 1020, costUsd: 1.43456789 }),
        row('gpt-4o', { requests: 2, promptTokens: 101, completionTokens: 51, cachedTokens: 20, cacheWriteTokens: 5, reasoningTokens: 10, costUsd: 0.1, unpricedRequests: 1 }),
      ]);
      assert.deepEqual(await store.usageReport({ groupBy: 'key' }), [
        row('key_a', { requests: 2, promptTokens: 1100, completionTokens: 1050, cachedTokens: 20, cacheWriteTokens: 5, reasoningTokens: 10, costUsd: 1.33456789 }),
        row('key_b', { requests: 1, promptTokens: 200, completionTokens: 20, costUsd: 0.2 }),
        row(null, { requests: 1, promptTokens: 1, completionTokens: 1, unpricedRequests: 1 }),
      ]);
      assert.deepEqual(await store.usageReport({ groupBy: 'day' }), [
        row('2025-03-01', { requests: 1, promptTokens: 100, completionTokens: 50, cachedTokens: 20, cacheWriteTokens: 5, reasoningTokens: 10, costUsd: 0.1 }),
        row('2025-03-02', { requests: 2, promptTokens: 201, completionTokens: 21, costUsd: 0.2, unpricedRequests: 1 }),
        row('2025-03-03', { requests: 1, promptTokens: 1000, completionTokens: 1000, costUsd: 1.23456789 }),
      ]);
    });

    test('reports within a date range (since inclusive, until exclusive) and for one key', async (t) => {
      const { store } = await fixture(t, harness);
      await store.insertUsage(reportRecords());
      assert.deepEqual(await store.usageReport({ groupBy: 'model', since: at('2025-03-02T00:00:00.000Z'), until: at('2025-03-03T08:00:00.000Z') }), [
        row('claude-4-5-sonnet', { requests: 1, promptTokens: 200, completionTokens: 20, costUsd: 0.2 }),
        row('gpt-4o', { requests: 1, promptTokens: 1, completionTokens: 1, unpricedRequests: 1 }),
      ]);
      const keyDays = await store.usageReport({ groupBy: 'day', keyId: 'key_a' });
      assert.deepEqual(keyDays.map((line) => [line.group, line.requests, line.costUsd]), [
        ['2025-03-01', 1, 0.1],
        ['2025-03-03', 1, 1.23456789],
      ]);
      const master = await store.usageReport({ groupBy: 'model', keyId: null });
      assert.deepEqual(master.map((line) => [line.group, line.requests]), [['gpt-4o', 1]]);
      assert.deepEqual(await store.usageReport({ groupBy: 'day', since: at('2026-01-01T00:00:00.000Z') }), []);
    });

    test('sums a key\'s spend since a time and every key\'s spend per period in one call', async (t) => {
      const { store } = await fixture(t, harness);
      await store.insertUsage([
        usageRecord({ keyId: 'key_a', costUsd: 0.5, createdAt: at('2025-02-20T00:00:00.000Z') }),
        ...reportRecords(),
      ]);
      assert.equal(await store.keySpend('key_a', null), 1.83456789);
      assert.equal(await store.keySpend('key_a', at('2025-03-01T00:00:00.000Z')), 1.33456789);
      assert.equal(await store.keySpend('key_a', at('2025-03-03T08:00:00.000Z')), 1.23456789);
      assert.equal(await store.keySpend('key_a', at('2025-03-03T08:00:00.001Z')), 0);
      assert.equal(await store.keySpend('key_unused', null), 0);
      const spend = await store.spendByKey({ day: at('2025-03-03T00:00:00.000Z'), week: at('2025-03-02T00:00:00.000Z'), month: at('2025-03-01T00:00:00.000Z') });
      assert.deepEqual(Object.fromEntries(spend), {
        key_a: { day: 1.23456789, week: 1.23456789, month: 1.33456789, lifetime: 1.83456789 },
        key_b: { day: 0, week: 0.2, month: 0.2, lifetime: 0.2 },
      });
    });
  });
}
