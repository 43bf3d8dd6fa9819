import type { KeyPolicy } from '../auth/principal.js';
import type { KeyRecord } from '../store/store.js';

/** The part of a stored key the request path needs (no hash, no metadata). */
export function toKeyPolicy(record: KeyRecord): KeyPolicy {
  return {
    id: record.id,
    name: record.name,
    models: record.models,
    rpm: record.rpm,
    tpm: record.tpm,
    budgetUsd: record.budgetUsd,
    budgetPeriod: record.budgetPeriod,
    expiresAt: record.expiresAt,
  };
}
