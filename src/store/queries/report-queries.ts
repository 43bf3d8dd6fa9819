import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';
import { toNumber, unitsToCost } from '../column-values.js';
import type { ReportGrouping, UsageReportQuery, UsageReportRow } from '../store.js';
import type { QueryContext } from './query-context.js';
import { usageConditions } from './usage-filter.js';

type Count = number | string | bigint;
type Sum = Count | null;

export async function usageReport(context: QueryContext, query: UsageReportQuery): Promise<UsageReportRow[]> {
  const group = groupExpression(context, query.groupBy);
  const rows = await context.db
    .selectFrom('usage_records')
    .select((eb) => [
      group.as('group_key'),
      eb.fn.countAll<Count>().as('requests'),
      // COUNT(column) skips NULLs: this counts the priced requests.
      eb.fn.count<Count>('cost_usd_e10').as('priced'),
      eb.fn.sum<Sum>('prompt_tokens').as('prompt_tokens'),
      eb.fn.sum<Sum>('completion_tokens').as('completion_tokens'),
      eb.fn.sum<Sum>('cached_tokens').as('cached_tokens'),
      eb.fn.sum<Sum>('cache_write_tokens').as('cache_write_tokens'),
      eb.fn.sum<Sum>('reasoning_tokens').as('reasoning_tokens'),
      eb.fn.sum<Sum>('cost_usd_e10').as('cost_units'),
    ])
    .where((eb) => eb.and(usageConditions(eb, query)))
    .groupBy(group)
    .execute();
  const report = rows.map((row): UsageReportRow => {
    const requests = toNumber(row.requests);
    return {
      group: row.group_key,
      requests,
      promptTokens: toNumber(row.prompt_tokens),
      completionTokens: toNumber(row.completion_tokens),
      cachedTokens: toNumber(row.cached_tokens),
      cacheWriteTokens: toNumber(row.cache_write_tokens),
      reasoningTokens: toNumber(row.reasoning_tokens),
      costUsd: unitsToCost(row.cost_units),
      unpricedRequests: requests - toNumber(row.priced),
    };
  });
  // Sorted here rather than in SQL: NULL placement differs between the backends.
  return report.sort((left, right) => compareGroups(left.group, right.group));
}

function groupExpression(context: QueryContext, grouping: ReportGrouping): RawBuilder<string | null> {
  switch (grouping) {
    case 'model':
      return sql<string | null>`${sql.ref('model')}`;
    case 'key':
      return sql<string | null>`${sql.ref('key_id')}`;
    case 'day':
      return context.dialect.utcDay('created_at');
  }
}

/** Code-unit order (days sort chronologically), the master key's null group last. */
function compareGroups(left: string | null, right: string | null): number {
  if (left === right) return 0;
  if (left === null) return 1;
  if (right === null) return -1;
  return left < right ? -1 : 1;
}
