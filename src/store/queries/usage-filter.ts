import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { toIso } from '../column-values.js';
import type { Database } from '../database.js';

export interface UsageFilter {
  since?: Date | undefined;
  until?: Date | undefined;
  /** null = the master key's requests. */
  keyId?: string | null | undefined;
  model?: string | undefined;
  provider?: string | undefined;
  status?: number | undefined;
  door?: string | undefined;
}

/** The WHERE conditions shared by reports and the request log (since inclusive, until exclusive). */
export function usageConditions(eb: ExpressionBuilder<Database, 'usage_records'>, filter: UsageFilter): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.since !== undefined) conditions.push(eb('created_at', '>=', toIso(filter.since)));
  if (filter.until !== undefined) conditions.push(eb('created_at', '<', toIso(filter.until)));
  if (filter.keyId === null) conditions.push(eb('key_id', 'is', null));
  else if (filter.keyId !== undefined) conditions.push(eb('key_id', '=', filter.keyId));
  if (filter.model !== undefined) conditions.push(eb('model', '=', filter.model));
  if (filter.provider !== undefined) conditions.push(eb('provider', '=', filter.provider));
  if (filter.status !== undefined) conditions.push(eb('status', '=', filter.status));
  if (filter.door !== undefined) conditions.push(eb('door', '=', filter.door));
  return conditions;
}
