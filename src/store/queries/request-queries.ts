import { toIso } from '../column-values.js';
import { mapUsageRow } from '../map-usage-row.js';
import { decodeCursor, encodeCursor } from '../request-cursor.js';
import type { RequestPage, RequestQuery, UsageRecord } from '../store.js';
import type { QueryContext } from './query-context.js';
import { usageConditions } from './usage-filter.js';

const MAX_PAGE = 1000;

export async function listRequests(context: QueryContext, query: RequestQuery): Promise<RequestPage> {
  const limit = Math.min(MAX_PAGE, Math.max(1, Math.trunc(query.limit) || 1));
  const cursor = query.before === undefined ? null : decodeCursor(query.before);
  const rows = await context.db
    .selectFrom('usage_records')
    .selectAll()
    .where((eb) => {
      const conditions = usageConditions(eb, query);
      if (cursor !== null) {
        // Row-value comparison: strictly older than the cursor, ties on created_at broken by id,
        // which matches the ORDER BY below and walks the (created_at, id) index.
        conditions.push(eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(toIso(cursor.createdAt), cursor.id)));
      }
      return eb.and(conditions);
    })
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    // One extra row tells whether another page exists without a COUNT.
    .limit(limit + 1)
    .execute();
  const records = rows.slice(0, limit).map(mapUsageRow);
  const last = records.at(-1);
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
  return { records, nextCursor };
}

export async function getRequest(context: QueryContext, id: string): Promise<UsageRecord | null> {
  const row = await context.db.selectFrom('usage_records').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : mapUsageRow(row);
}
