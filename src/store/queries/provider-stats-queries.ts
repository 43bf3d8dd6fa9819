/**
 * Per-provider health for the console: requests, errors and latency percentiles. The percentiles
 * are computed in SQL with window functions both backends have (SQLite ≥ 3.25, Postgres), using
 * the nearest-rank method: p-th percentile = the value at rank ceil(p × n / 100) in latency order.
 */
import { sql } from 'kysely';
import { toNumber } from '../column-values.js';
import type { ProviderStats, TimeRange } from '../store.js';
import type { QueryContext } from './query-context.js';
import { usageConditions } from './usage-filter.js';

type Count = number | string | bigint;

export async function providerStats(context: QueryContext, range: TimeRange): Promise<ProviderStats[]> {
  const ranked = context.db
    .selectFrom('usage_records')
    .select((eb) => [
      'provider',
      'status',
      'latency_ms',
      eb.fn.agg<Count>('row_number').over((over) => over.partitionBy('provider').orderBy('latency_ms').orderBy('id')).as('position'),
      eb.fn.countAll<Count>().over((over) => over.partitionBy('provider')).as('total'),
    ])
    .where((eb) => eb.and(usageConditions(eb, range)))
    .as('ranked');
  // The smallest latency at or past the percentile's rank is the latency at that rank.
  const rankOf = (percent: number) => sql<number>`(${sql.lit(percent)} * ${sql.ref('total')} + 99) / 100`;
  const rows = await context.db
    .selectFrom(ranked)
    .select((eb) => [
      'provider',
      eb.fn.countAll<Count>().as('requests'),
      eb.fn.count<Count>(eb.case().when('status', '>=', 400).then(sql.lit(1)).end()).as('errors'),
      eb.fn.min<number | null>(eb.case().when('position', '>=', rankOf(50)).then(eb.ref('latency_ms')).end()).as('p50'),
      eb.fn.min<number | null>(eb.case().when('position', '>=', rankOf(95)).then(eb.ref('latency_ms')).end()).as('p95'),
    ])
    .groupBy('provider')
    .execute();
  return rows
    .map(
      (row): ProviderStats => ({
        provider: row.provider,
        requests: toNumber(row.requests),
        errors: toNumber(row.errors),
        p50LatencyMs: toNumber(row.p50),
        p95LatencyMs: toNumber(row.p95),
      }),
    )
    .sort((left, right) => compareProviders(left.provider, right.provider));
}

/** Code-unit order, the never-routed null group last (NULL placement differs between backends). */
function compareProviders(left: string | null, right: string | null): number {
  if (left === right) return 0;
  if (left === null) return 1;
  if (right === null) return -1;
  return left < right ? -1 : 1;
}
