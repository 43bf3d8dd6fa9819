/** Contract cases for the console's overview queries and one-record lookup (part of store.case.ts). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { UsageTotals } from './store.js';
import { at, fixture, usageRecord, type StoreHarness } from './testing/store-fixtures.js';

const totals = (values: Partial<UsageTotals>): UsageTotals => ({
  requests: 0,
  errors: 0,
  promptTokens: 0,
  completionTokens: 0,
  costUsd: 0,
  unpricedRequests: 0,
  ...values,
});

export function overviewCases(harness: StoreHarness): void {
  describe('overview', () => {
    test('usageTotals sums each window from its start, in the order asked, in one pass', async (t) => {
      const { store } = await fixture(t, harness);
      await store.insertUsage([
        usageRecord({ promptTokens: 1, completionTokens: 1, costUsd: 0.1, createdAt: at('2025-01-15T00:00:00.000Z') }),
        usageRecord({ promptTokens: 10, completionTokens: 5, costUsd: 0.2, status: 502, createdAt: at('2025-02-25T12:00:00.000Z') }),
        usageRecord({ promptTokens: 100, completionTokens: 50, costUsd: null, createdAt: at('2025-03-01T00:00:00.000Z') }),
        usageRecord({ promptTokens: 1000, completionTokens: 500, costUsd: 0.3, status: 429, createdAt: at('2025-03-01T09:59:59.999Z') }),
      ]);
      const today = at('2025-03-01T00:00:00.000Z');
      const week = at('2025-02-23T00:00:00.000Z');
      const month = at('2025-01-31T00:00:00.000Z');
      // Deliberately not newest-first: the answer follows the order of the starts.
      const [weekly, daily, monthly] = await store.usageTotals([week, today, month]);
      assert.deepEqual(daily, totals({ requests: 2, errors: 1, promptTokens: 1100, completionTokens: 550, costUsd: 0.3, unpricedRequests: 1 }));
      assert.deepEqual(weekly, totals({ requests: 3, errors: 2, promptTokens: 1110, completionTokens: 555, costUsd: 0.5, unpricedRequests: 1 }));
      assert.deepEqual(monthly, weekly);
      assert.deepEqual(await store.usageTotals([at('2026-01-01T00:00:00.000Z')]), [totals({})]);
      assert.deepEqual(await store.usageTotals([]), []);
    });

    test('dailySpendByModel groups by UTC day and model, sorted', async (t) => {
      const { store } = await fixture(t, harness);
      await store.insertUsage([
        usageRecord({ model: 'gpt-4o', costUsd: 0.1, createdAt: at('2025-03-01T23:59:59.999Z') }),
        usageRecord({ model: 'claude-4-5-haiku', costUsd: 0.25, createdAt: at('2025-03-01T00:00:00.000Z') }),
        usageRecord({ model: 'gpt-4o', costUsd: 0.2, createdAt: at('2025-03-01T01:00:00.000Z') }),
        usageRecord({ model: 'gpt-4o', costUsd: null, createdAt: at('2025-03-02T00:00:00.000Z') }),
        usageRecord({ model: 'gpt-4o', costUsd: 9, createdAt: at('2025-03-05T00:00:00.000Z') }),
      ]);
      const rows = await store.dailySpendByModel({ since: at('2025-03-01T00:00:00.000Z'), until: at('2025-03-05T00:00:00.000Z') });
      assert.deepEqual(rows, [
        { day: '2025-03-01', model: 'claude-4-5-haiku', requests: 1, costUsd: 0.25, unpricedRequests: 0 },
        { day: '2025-03-01', model: 'gpt-4o', requests: 2, costUsd: 0.3, unpricedRequests: 0 },
        { day: '2025-03-02', model: 'gpt-4o', requests: 1, costUsd: 0, unpricedRequests: 1 },
      ]);
      assert.equal((await store.dailySpendByModel({})).length, 4);
    });

    test('providerStats gives requests, error rate inputs and nearest-rank p50/p95 per provider', async (t) => {
      const { store } = await fixture(t, harness);
      // openai: latencies 10…200 in steps of 10 (20 records, inserted shuffled), two of them errors.
      const latencies = Array.from({ length: 20 }, (_, index) => (index + 1) * 10).reverse();
      await store.insertUsage([
        ...latencies.map((latencyMs, index) => usageRecord({ provider: 'openai', latencyMs, status: index < 2 ? 500 : 200 })),
        usageRecord({ provider: 'anthropic', latencyMs: 300 }),
        usageRecord({ provider: 'anthropic', latencyMs: 100, status: 429 }),
        usageRecord({ provider: null, latencyMs: 1, status: 404 }),
        usageRecord({ provider: 'anthropic', latencyMs: 5000, createdAt: at('2025-04-01T00:00:00.000Z') }),
      ]);
      const stats = await store.providerStats({ until: at('2025-03-02T00:00:00.000Z') });
      assert.deepEqual(stats, [
        { provider: 'anthropic', requests: 2, errors: 1, p50LatencyMs: 100, p95LatencyMs: 300 },
        // rank ceil(0.5 × 20) = 10 → 100 ms; rank ceil(0.95 × 20) = 19 → 190 ms
        { provider: 'openai', requests: 20, errors: 2, p50LatencyMs: 100, p95LatencyMs: 190 },
        { provider: null, requests: 1, errors: 1, p50LatencyMs: 1, p95LatencyMs: 1 },
      ]);
      assert.deepEqual(await store.providerStats({ since: at('2030-01-01T00:00:00.000Z') }), []);
    });

    test('getRequest finds one record by id and the request log filters by provider', async (t) => {
      const { store } = await fixture(t, harness);
      const openai = usageRecord({ provider: 'openai', createdAt: at('2025-03-01T00:00:00.000Z') });
      const azure = usageRecord({ provider: 'azure-east', stream: true, ttftMs: 12, retries: 1, fallbacks: 1, createdAt: at('2025-03-01T00:00:01.000Z') });
      await store.insertUsage([openai, azure]);
      assert.deepEqual(await store.getRequest(azure.id), azure);
      assert.equal(await store.getRequest('req_missing'), null);
      const page = await store.listRequests({ limit: 10, provider: 'openai' });
      assert.deepEqual(page.records.map((record) => record.id), [openai.id]);
    });
  });
}
