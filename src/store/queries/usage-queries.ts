import { toIso, unitsToCost } from '../column-values.js';
import { toUsageRow } from '../map-usage-row.js';
import type { KeySpend, PeriodStarts, UsageRecord } from '../store.js';
import type { QueryContext } from './query-context.js';

/** Rows per INSERT: 500 × 19 columns stays far below SQLite's 32,766 and Postgres' 65,535 bound parameters. */
const ROWS_PER_STATEMENT = 500;

type Sum = number | string | bigint | null;

export async function insertUsage(context: QueryContext, records: readonly UsageRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  // Convert first: a record the schema cannot hold fails the call before anything is written.
  const rows = records.map(toUsageRow);
  if (context.usageWriter !== undefined) return context.usageWriter.write(rows);
  return context.db.transaction().execute(async (transaction) => {
    let inserted = 0;
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const result = await transaction
        .insertInto('usage_records')
        .values(rows.slice(start, start + ROWS_PER_STATEMENT))
        // The id is the request id: a batch retried after a lost acknowledgement counts once.
        .onConflict((conflict) => conflict.column('id').doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return inserted;
  });
}

export async function keySpend(context: QueryContext, keyId: string, since: Date | null): Promise<number> {
  let query = context.db
    .selectFrom('usage_records')
    .select((eb) => eb.fn.sum<Sum>('cost_usd_e10').as('units'))
    .where('key_id', '=', keyId);
  if (since !== null) query = query.where('created_at', '>=', toIso(since));
  const row = await query.executeTakeFirst();
  return unitsToCost(row?.units ?? null);
}

export async function spendByKey(context: QueryContext, starts: PeriodStarts): Promise<Map<string, KeySpend>> {
  const rows = await context.db
    .selectFrom('usage_records')
    .select((eb) => {
      // SUM skips the NULL that CASE yields outside the period, so one pass serves every period.
      const since = (start: Date) =>
        eb.fn.sum<Sum>(eb.case().when('created_at', '>=', toIso(start)).then(eb.ref('cost_usd_e10')).end());
      return [
        'key_id',
        since(starts.day).as('day'),
        since(starts.week).as('week'),
        since(starts.month).as('month'),
        eb.fn.sum<Sum>('cost_usd_e10').as('lifetime'),
      ];
    })
    .where('key_id', 'is not', null)
    .groupBy('key_id')
    .execute();
  const spend = new Map<string, KeySpend>();
  for (const row of rows) {
    if (row.key_id === null) continue;
    spend.set(row.key_id, {
      day: unitsToCost(row.day),
      week: unitsToCost(row.week),
      month: unitsToCost(row.month),
      lifetime: unitsToCost(row.lifetime),
    });
  }
  return spend;
}
