/** /admin/usage (grouped totals) and /admin/requests (the request log), from the store. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DOORS } from '../../core/door.js';
import type { Store, UsageRecord, UsageReportRow } from '../../store/store.js';
import { parseTimeBound } from '../../usage/parse-time.js';
import { validate } from './admin-keys.js';
import { MASTER } from '../route-access.js';

export const keyFilter = z
  .string()
  .min(1)
  .optional()
  .transform((value) => (value === undefined ? undefined : value === 'master' ? null : value));
/** A `since`/`until` query value (ISO time, `YYYY-MM-DD` or a duration ago); shared by the admin routes. */
export const time = z.string().optional().transform((value, context) => {
  if (value === undefined || value === '') return undefined;
  const date = parseTimeBound(value);
  if (date === null) {
    context.addIssue({ code: 'custom', message: 'use an ISO-8601 time, YYYY-MM-DD, or a duration such as 7d or 24h' });
    return z.NEVER;
  }
  return date;
});

const usageQuery = z.object({ since: time, until: time, key_id: keyFilter, group_by: z.enum(['model', 'key', 'day']).default('model') });
const requestsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  key_id: keyFilter,
  model: z.string().min(1).optional(),
  provider: z.string().min(1).optional(),
  status: z.coerce.number().int().min(100).max(599).optional(),
  door: z.enum(DOORS).optional(),
  since: time,
  until: time,
  before: z.string().min(1).optional(),
});

export function registerAdminUsage(app: FastifyInstance, store: Store): void {
  app.get('/admin/usage', MASTER, async (request) => {
    const query = validate(usageQuery, request.query);
    const rows = await store.usageReport({
      groupBy: query.group_by,
      ...(query.since === undefined ? {} : { since: query.since }),
      ...(query.until === undefined ? {} : { until: query.until }),
      ...(query.key_id === undefined ? {} : { keyId: query.key_id }),
    });
    return { object: 'list', group_by: query.group_by, data: rows.map(usageRowView) };
  });

  app.get('/admin/requests', MASTER, async (request) => {
    const query = validate(requestsQuery, request.query);
    const page = await store.listRequests({
      limit: query.limit,
      ...(query.key_id === undefined ? {} : { keyId: query.key_id }),
      ...(query.model === undefined ? {} : { model: query.model }),
      ...(query.provider === undefined ? {} : { provider: query.provider }),
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.door === undefined ? {} : { door: query.door }),
      ...(query.since === undefined ? {} : { since: query.since }),
      ...(query.until === undefined ? {} : { until: query.until }),
      ...(query.before === undefined ? {} : { before: query.before }),
    });
    return { object: 'list', data: page.records.map(requestView), next_cursor: page.nextCursor };
  });
}

export function usageRowView(row: UsageReportRow) {
  return {
    group: row.group ?? 'master',
    requests: row.requests,
    prompt_tokens: row.promptTokens,
    completion_tokens: row.completionTokens,
    cached_tokens: row.cachedTokens,
    cache_write_tokens: row.cacheWriteTokens,
    reasoning_tokens: row.reasoningTokens,
    cost_usd: row.costUsd,
    unpriced_requests: row.unpricedRequests,
  };
}

export function requestView(record: UsageRecord) {
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
    cost_usd: record.costUsd,
    latency_ms: record.latencyMs,
    ttft_ms: record.ttftMs,
    status: record.status,
    error_code: record.errorCode,
    stream: record.stream,
    retries: record.retries,
    fallbacks: record.fallbacks,
    door: record.door,
    created_at: record.createdAt.toISOString(),
  };
}
