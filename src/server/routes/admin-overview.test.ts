import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { usageRecord } from '../../store/testing/store-fixtures.js';
import { makeErrorHandler } from '../error-handler.js';
import { registerAdminOverview, utcDayStart } from './admin-overview.js';
import { registerAdminRequest } from './admin-request.js';
import { registerAdminUsage } from './admin-usage.js';

const NOW = new Date('2025-03-10T15:30:00.000Z');

describe('admin overview and request routes', () => {
  let store: Store;
  let app: FastifyInstance;

  before(async () => {
    store = await openStore('sqlite::memory:');
    await store.migrate();
    await store.insertUsage([
      usageRecord({ id: 'req_today', model: 'gpt-4o', provider: 'openai', costUsd: 0.5, latencyMs: 100, createdAt: new Date('2025-03-10T01:00:00.000Z') }),
      usageRecord({ id: 'req_week', model: 'claude-4-5-haiku', provider: 'anthropic', costUsd: 0.25, status: 502, latencyMs: 900, createdAt: new Date('2025-03-04T00:00:00.000Z') }),
      usageRecord({ id: 'req_month', model: 'gpt-4o', provider: 'openai', costUsd: 1, latencyMs: 300, createdAt: new Date('2025-02-09T00:00:00.000Z') }),
      usageRecord({ id: 'req_old', model: 'gpt-4o', provider: 'openai', costUsd: 100, createdAt: new Date('2025-02-08T23:59:59.999Z') }),
    ]);
    app = Fastify();
    app.setErrorHandler(makeErrorHandler(1024));
    registerAdminOverview(app, store, () => NOW);
    registerAdminRequest(app, store);
    registerAdminUsage(app, store);
  });
  after(async () => {
    await app.close();
    await store.close();
  });

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
  };

  test('utcDayStart counts whole UTC days back from midnight', () => {
    assert.equal(utcDayStart(NOW).toISOString(), '2025-03-10T00:00:00.000Z');
    assert.equal(utcDayStart(NOW, 29).toISOString(), '2025-02-09T00:00:00.000Z');
  });

  test('GET /admin/overview: today, 7 and 30 UTC days, today included', async () => {
    const { status, body } = await get('/admin/overview');
    assert.equal(status, 200);
    assert.equal(body.as_of, NOW.toISOString());
    assert.deepEqual(body.today, { since: '2025-03-10T00:00:00.000Z', requests: 1, errors: 0, prompt_tokens: 10, completion_tokens: 5, cost_usd: 0.5, unpriced_requests: 0 });
    assert.deepEqual(body.last_7_days, { since: '2025-03-04T00:00:00.000Z', requests: 2, errors: 1, prompt_tokens: 20, completion_tokens: 10, cost_usd: 0.75, unpriced_requests: 0 });
    assert.equal((body.last_30_days as { requests: number }).requests, 3);
    assert.equal((body.last_30_days as { cost_usd: number }).cost_usd, 1.75);
  });

  test('GET /admin/overview/daily-spend: the last 30 days by default, or the range asked', async () => {
    const { body } = await get('/admin/overview/daily-spend');
    assert.equal(body.since, '2025-02-09T00:00:00.000Z');
    assert.deepEqual(body.data, [
      { day: '2025-02-09', model: 'gpt-4o', requests: 1, cost_usd: 1, unpriced_requests: 0 },
      { day: '2025-03-04', model: 'claude-4-5-haiku', requests: 1, cost_usd: 0.25, unpriced_requests: 0 },
      { day: '2025-03-10', model: 'gpt-4o', requests: 1, cost_usd: 0.5, unpriced_requests: 0 },
    ]);
    const ranged = await get('/admin/overview/daily-spend?since=2025-03-01&until=2025-03-05');
    assert.deepEqual((ranged.body.data as Array<{ day: string }>).map((row) => row.day), ['2025-03-04']);
    const invalid = await get('/admin/overview/daily-spend?since=yesterday');
    assert.equal(invalid.status, 400);
    assert.equal((invalid.body.error as { param: string }).param, 'since');
  });

  test('GET /admin/overview/providers: error rate and latency percentiles', async () => {
    const { body } = await get('/admin/overview/providers');
    assert.deepEqual(body.data, [
      { provider: 'anthropic', requests: 1, errors: 1, error_rate: 1, p50_latency_ms: 900, p95_latency_ms: 900 },
      { provider: 'openai', requests: 2, errors: 0, error_rate: 0, p50_latency_ms: 100, p95_latency_ms: 300 },
    ]);
  });

  test('GET /admin/requests/{id}: one record, 404 in the error envelope when missing', async () => {
    const found = await get('/admin/requests/req_week');
    assert.equal(found.status, 200);
    assert.equal(found.body.id, 'req_week');
    assert.equal(found.body.status, 502);
    assert.equal(found.body.latency_ms, 900);
    const missing = await get('/admin/requests/req_nope');
    assert.equal(missing.status, 404);
    assert.equal((missing.body.error as { code: string }).code, 'not_found');
  });

  test('GET /admin/requests filters by provider', async () => {
    const { body } = await get('/admin/requests?provider=anthropic');
    assert.deepEqual((body.data as Array<{ id: string }>).map((record) => record.id), ['req_week']);
  });
});
