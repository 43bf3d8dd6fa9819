/** Totals for the console's overview: sums over several windows at once, and spend per day and model. */
import { sql } from 'kysely';
import { toIso, toNumber, unitsToCost } from '../column-values.js';
import type { DailyModelSpend, TimeRange, UsageTotals } from '../store.js';
import type { QueryContext } from './query-context.js';
import { usageConditions } from './usage-filter.js';

type Count = number | string | bigint;
type Sum = Count | null;

export async function usageTotals(context: QueryContext, starts: readonly Date[]): Promise<UsageTotals[]> {
  // Newest start first: each record lands in the bucket of the newest window holding it, so a
  // window's total is its bucket plus every newer one — one pass over the oldest window's rows.
  const windows = starts.map((start, index) => ({ start, index })).sort((left, right) => right.start.getTime() - left.start.getTime());
  const oldest = windows.at(-1);
  if (oldest === undefined) return [];
  const whens = windows.map((window, bucket) => sql`when ${sql.ref('created_at')} >= ${toIso(window.start)} then ${sql.lit(bucket)}`);
  const bucketed = context.db
    .selectFrom('usage_records')
    .select([sql<number>`case ${sql.join(whens, sql` `)} end`.as('bucket'), 'status', 'prompt_tokens', 'completion_tokens', 'cost_usd_e10'])
    .where('created_at', '>=', toIso(oldest.start))
    // A subquery, so GROUP BY names the column: Postgres cannot match a parameterised CASE in both clauses.
    .as('bucketed');
  const rows = await context.db
    .selectFrom(bucketed)
    .select((eb) => [
      'bucket',
      eb.fn.countAll<Count>().as('requests'),
      eb.fn.count<Count>('cost_usd_e10').as('priced'),
      eb.fn.count<Count>(eb.case().when('status', '>=', 400).then(sql.lit(1)).end()).as('errors'),
      eb.fn.sum<Sum>('prompt_tokens').as('prompt_tokens'),
      eb.fn.sum<Sum>('completion_tokens').as('completion_tokens'),
      eb.fn.sum<Sum>('cost_usd_e10').as('cost_units'),
    ])
    .groupBy('bucket')
    .execute();

  const buckets = new Map(rows.map((row) => [toNumber(row.bucket), row]));
  const totals: UsageTotals[] = [];
  let running = emptyTotals();
  // Cost is accumulated in the stored integer units and converted once, so it stays exact.
  let costUnits = 0;
  for (const [bucket, window] of windows.entries()) {
    const row = buckets.get(bucket);
    if (row !== undefined) {
      const requests = toNumber(row.requests);
      costUnits += toNumber(row.cost_units);
      running = {
        requests: running.requests + requests,
        errors: running.errors + toNumber(row.errors),
        promptTokens: running.promptTokens + toNumber(row.prompt_tokens),
        completionTokens: running.completionTokens + toNumber(row.completion_tokens),
        costUsd: unitsToCost(costUnits),
        unpricedRequests: running.unpricedRequests + requests - toNumber(row.priced),
      };
    }
    totals[window.index] = running;
  }
  return totals;
}

export async function dailySpendByModel(context: QueryContext, range: TimeRange): Promise<DailyModelSpend[]> {
  const day = context.dialect.utcDay('created_at');
  const rows = await context.db
    .selectFrom('usage_records')
    .select((eb) => [
      day.as('day'),
      'model',
      eb.fn.countAll<Count>().as('requests'),
      eb.fn.count<Count>('cost_usd_e10').as('priced'),
      eb.fn.sum<Sum>('cost_usd_e10').as('cost_units'),
    ])
    .where((eb) => eb.and(usageConditions(eb, range)))
    .groupBy(day)
    .groupBy('model')
    .execute();
  return rows
    .map((row): DailyModelSpend => {
      const requests = toNumber(row.requests);
      return { day: row.day, model: row.model, requests, costUsd: unitsToCost(row.cost_units), unpricedRequests: requests - toNumber(row.priced) };
    })
    .sort((left, right) => compareText(left.day, right.day) || compareText(left.model, right.model));
}

const emptyTotals = (): UsageTotals => ({ requests: 0, errors: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, unpricedRequests: 0 });

/** Code-unit order, identical on both backends (SQL collation is left out of it). */
const compareText = (left: string, right: string): number => (left === right ? 0 : left < right ? -1 : 1);
