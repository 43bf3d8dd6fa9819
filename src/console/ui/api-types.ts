/** The admin API's answers as the console uses them, each with its decoder. */
import { asArray, asObject, count, countOrNull, flag, text, textListOrNull, textOrNull } from './decode.js';

export type BudgetPeriod = 'day' | 'week' | 'month';

export interface KeyView {
  id: string;
  name: string;
  keyPrefix: string;
  models: string[] | null;
  rpm: number | null;
  tpm: number | null;
  budgetUsd: number | null;
  budgetPeriod: BudgetPeriod | null;
  expiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  spendUsd: number;
}

export interface RequestRecord {
  id: string;
  keyId: string | null;
  model: string;
  provider: string | null;
  upstreamModel: string | null;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costUsd: number | null;
  latencyMs: number;
  ttftMs: number | null;
  status: number;
  errorCode: string | null;
  stream: boolean;
  retries: number;
  fallbacks: number;
  /** The API the call came in by: chat, messages, responses or embeddings. */
  door: string;
  createdAt: string;
}

export interface RequestPage {
  records: RequestRecord[];
  nextCursor: string | null;
}

export interface Totals {
  since: string;
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  unpricedRequests: number;
}

export interface Overview {
  today: Totals;
  last7Days: Totals;
  last30Days: Totals;
}

export interface DailySpend {
  day: string;
  model: string;
  requests: number;
  costUsd: number;
}

export interface ProviderHealth {
  provider: string | null;
  requests: number;
  errorRate: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
}

export interface ModelInfo {
  id: string;
  ownedBy: string;
}

const PERIODS: readonly string[] = ['day', 'week', 'month'];
const isPeriod = (value: string | null): value is BudgetPeriod | null => value === null || PERIODS.includes(value);

export function decodeKey(value: unknown, what = 'key'): KeyView {
  const fields = asObject(value, what);
  const period = textOrNull(fields, 'budget_period', what);
  if (!isPeriod(period)) throw new Error(`${what}.budget_period is not day, week or month`);
  return {
    id: text(fields, 'id', what),
    name: text(fields, 'name', what),
    keyPrefix: text(fields, 'key_prefix', what),
    models: textListOrNull(fields, 'models', what),
    rpm: countOrNull(fields, 'rpm', what),
    tpm: countOrNull(fields, 'tpm', what),
    budgetUsd: countOrNull(fields, 'budget_usd', what),
    budgetPeriod: period,
    expiresAt: textOrNull(fields, 'expires_at', what),
    revokedAt: textOrNull(fields, 'revoked_at', what),
    createdAt: text(fields, 'created_at', what),
    spendUsd: count(fields, 'spend_usd', what),
  };
}

/** The answer to POST /admin/keys: the key plus its secret, shown once. */
export function decodeCreatedKey(value: unknown): { key: KeyView; secret: string } {
  return { key: decodeKey(value), secret: text(asObject(value, 'key'), 'key', 'key') };
}

export const decodeKeyList = (value: unknown): KeyView[] => asArray(asObject(value, 'keys').data, 'keys', decodeKey);

export function decodeRequest(value: unknown, what = 'request'): RequestRecord {
  const fields = asObject(value, what);
  return {
    id: text(fields, 'id', what),
    keyId: textOrNull(fields, 'key_id', what),
    model: text(fields, 'model', what),
    provider: textOrNull(fields, 'provider', what),
    upstreamModel: textOrNull(fields, 'upstream_model', what),
    promptTokens: count(fields, 'prompt_tokens', what),
    completionTokens: count(fields, 'completion_tokens', what),
    cachedTokens: count(fields, 'cached_tokens', what),
    cacheWriteTokens: count(fields, 'cache_write_tokens', what),
    reasoningTokens: count(fields, 'reasoning_tokens', what),
    costUsd: countOrNull(fields, 'cost_usd', what),
    latencyMs: count(fields, 'latency_ms', what),
    ttftMs: countOrNull(fields, 'ttft_ms', what),
    status: count(fields, 'status', what),
    errorCode: textOrNull(fields, 'error_code', what),
    stream: flag(fields, 'stream', what),
    retries: count(fields, 'retries', what),
    fallbacks: count(fields, 'fallbacks', what),
    door: text(fields, 'door', what),
    createdAt: text(fields, 'created_at', what),
  };
}

export function decodeRequestPage(value: unknown): RequestPage {
  const fields = asObject(value, 'requests');
  return { records: asArray(fields.data, 'requests', decodeRequest), nextCursor: textOrNull(fields, 'next_cursor', 'requests') };
}

function decodeTotals(value: unknown, what: string): Totals {
  const fields = asObject(value, what);
  return {
    since: text(fields, 'since', what),
    requests: count(fields, 'requests', what),
    errors: count(fields, 'errors', what),
    promptTokens: count(fields, 'prompt_tokens', what),
    completionTokens: count(fields, 'completion_tokens', what),
    costUsd: count(fields, 'cost_usd', what),
    unpricedRequests: count(fields, 'unpriced_requests', what),
  };
}

export function decodeOverview(value: unknown): Overview {
  const fields = asObject(value, 'overview');
  return {
    today: decodeTotals(fields.today, 'overview.today'),
    last7Days: decodeTotals(fields.last_7_days, 'overview.last_7_days'),
    last30Days: decodeTotals(fields.last_30_days, 'overview.last_30_days'),
  };
}

export const decodeDailySpend = (value: unknown): DailySpend[] =>
  asArray(asObject(value, 'spend').data, 'spend', (row, what) => {
    const fields = asObject(row, what);
    return { day: text(fields, 'day', what), model: text(fields, 'model', what), requests: count(fields, 'requests', what), costUsd: count(fields, 'cost_usd', what) };
  });

export const decodeProviderHealth = (value: unknown): ProviderHealth[] =>
  asArray(asObject(value, 'providers').data, 'providers', (row, what) => {
    const fields = asObject(row, what);
    return {
      provider: textOrNull(fields, 'provider', what),
      requests: count(fields, 'requests', what),
      errorRate: count(fields, 'error_rate', what),
      p50LatencyMs: count(fields, 'p50_latency_ms', what),
      p95LatencyMs: count(fields, 'p95_latency_ms', what),
    };
  });

export const decodeModels = (value: unknown): ModelInfo[] =>
  asArray(asObject(value, 'models').data, 'models', (row, what) => {
    const fields = asObject(row, what);
    return { id: text(fields, 'id', what), ownedBy: text(fields, 'owned_by', what) };
  });
