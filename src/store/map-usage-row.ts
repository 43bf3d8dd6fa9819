/** Both directions between UsageRecord and a `usage_records` row. */
import type { Insertable, Selectable } from 'kysely';
import { costToUnits, fromFlag, toDate, toFlag, toIso, unitsToCostOrNull } from './column-values.js';
import { toDoor } from '../core/door.js';
import type { UsageRecordsTable } from './database.js';
import type { UsageRecord } from './store.js';

export function toUsageRow(record: UsageRecord): Insertable<UsageRecordsTable> {
  return {
    id: record.id,
    key_id: record.keyId,
    model: record.model,
    provider: record.provider,
    upstream_model: record.upstreamModel,
    prompt_tokens: record.promptTokens,
    completion_tokens: record.completionTokens,
    cached_tokens: record.cachedTokens,
    cache_write_tokens: record.cacheWriteTokens,
    reasoning_tokens: record.reasoningTokens,
    cost_usd_e10: costToUnits(record.costUsd),
    latency_ms: record.latencyMs,
    ttft_ms: record.ttftMs,
    status: record.status,
    error_code: record.errorCode,
    stream: fromFlag(record.stream),
    retries: record.retries,
    fallbacks: record.fallbacks,
    door: record.door,
    created_at: toIso(record.createdAt),
  };
}

export function mapUsageRow(row: Selectable<UsageRecordsTable>): UsageRecord {
  return {
    id: row.id,
    keyId: row.key_id,
    model: row.model,
    provider: row.provider,
    upstreamModel: row.upstream_model,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    cachedTokens: row.cached_tokens,
    cacheWriteTokens: row.cache_write_tokens,
    reasoningTokens: row.reasoning_tokens,
    costUsd: unitsToCostOrNull(row.cost_usd_e10),
    latencyMs: row.latency_ms,
    ttftMs: row.ttft_ms,
    status: row.status,
    errorCode: row.error_code,
    stream: toFlag(row.stream),
    retries: row.retries,
    fallbacks: row.fallbacks,
    door: toDoor(row.door),
    createdAt: toDate(row.created_at),
  };
}
