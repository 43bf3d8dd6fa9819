/**
 * The console's overview data: totals for today and the last 7 and 30 UTC days, spend per UTC day
 * and model (the stacked chart), and per-provider requests, error rate and latency percentiles.
 * Days are UTC everywhere, like `/admin/usage?group_by=day`, so the numbers agree with each other.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DailyModelSpend, ProviderStats, Store, TimeRange, UsageTotals } from '../../store/store.js';
import { validate } from './admin-keys.js';
import { time } from './admin-usage.js';
import { MASTER } from '../route-access.js';

const DAY_MS = 86_400_000;
/** The chart and the provider table cover this many UTC days (today included) unless `since` says otherwise. */
const DEFAULT_DAYS = 30;

const rangeQuery = z.object({ since: time, until: time });

/** Midnight UTC of the day `daysBack` days before `now`'s day. */
export function utcDayStart(now: Date, daysBack = 0): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(midnight - daysBack * DAY_MS);
}

export function registerAdminOverview(app: FastifyInstance, store: Store, now: () => Date = () => new Date()): void {
  app.get('/admin/overview', MASTER, async () => {
    const current = now();
    const starts = [utcDayStart(current), utcDayStart(current, 6), utcDayStart(current, 29)] as const;
    const [today, week, month] = await store.usageTotals(starts);
    return {
      object: 'overview',
      as_of: current.toISOString(),
      today: totalsView(starts[0], today),
      last_7_days: totalsView(starts[1], week),
      last_30_days: totalsView(starts[2], month),
    };
  });

  app.get('/admin/overview/daily-spend', MASTER, async (request) => {
    const range = rangeOf(request.query, now());
    const rows = await store.dailySpendByModel(range);
    return { object: 'list', ...rangeView(range), data: rows.map(dailySpendView) };
  });

  app.get('/admin/overview/providers', MASTER, async (request) => {
    const range = rangeOf(request.query, now());
    const rows = await store.providerStats(range);
    return { object: 'list', ...rangeView(range), data: rows.map(providerView) };
  });
}

function rangeOf(query: unknown, current: Date): TimeRange {
  const { since, until } = validate(rangeQuery, query);
  return { since: since ?? utcDayStart(current, DEFAULT_DAYS - 1), ...(until === undefined ? {} : { until }) };
}

const rangeView = (range: TimeRange) => ({ since: range.since?.toISOString() ?? null, until: range.until?.toISOString() ?? null });

function totalsView(since: Date, totals: UsageTotals | undefined) {
  return {
    since: since.toISOString(),
    requests: totals?.requests ?? 0,
    errors: totals?.errors ?? 0,
    prompt_tokens: totals?.promptTokens ?? 0,
    completion_tokens: totals?.completionTokens ?? 0,
    cost_usd: totals?.costUsd ?? 0,
    unpriced_requests: totals?.unpricedRequests ?? 0,
  };
}

const dailySpendView = (row: DailyModelSpend) => ({
  day: row.day,
  model: row.model,
  requests: row.requests,
  cost_usd: row.costUsd,
  unpriced_requests: row.unpricedRequests,
});

const providerView = (row: ProviderStats) => ({
  provider: row.provider,
  requests: row.requests,
  errors: row.errors,
  error_rate: row.requests === 0 ? 0 : row.errors / row.requests,
  p50_latency_ms: row.p50LatencyMs,
  p95_latency_ms: row.p95LatencyMs,
});
