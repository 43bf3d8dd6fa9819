import { randomBytes } from 'node:crypto';
import type { Updateable } from 'kysely';
import { toIso, toIsoOrNull } from '../column-values.js';
import type { ApiKeysTable } from '../database.js';
import { mapKeyRow } from '../map-key-row.js';
import { StoreError } from '../store-error.js';
import type { KeyPatch, KeyRecord, NewKey } from '../store.js';
import type { QueryContext } from './query-context.js';

const newKeyId = (): string => `key_${randomBytes(12).toString('hex')}`;

// SQL NULL (not JSON null) means "every model", so the column can be tested with IS NULL.
const encodeModels = (models: string[] | null): string | null => (models === null ? null : JSON.stringify(models));

export async function createKey(context: QueryContext, key: NewKey): Promise<KeyRecord> {
  const now = toIso(context.now());
  try {
    const row = await context.db
      .insertInto('api_keys')
      .values({
        id: newKeyId(),
        name: key.name,
        key_hash: key.keyHash,
        key_prefix: key.keyPrefix,
        models: encodeModels(key.models ?? null),
        rpm: key.rpm ?? null,
        tpm: key.tpm ?? null,
        budget_usd: key.budgetUsd ?? null,
        budget_period: key.budgetPeriod ?? null,
        expires_at: toIsoOrNull(key.expiresAt),
        metadata: JSON.stringify(key.metadata ?? {}),
        revoked_at: null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return mapKeyRow(row, context.dialect);
  } catch (error) {
    if (context.dialect.isUniqueViolation(error)) {
      throw new StoreError('conflict', 'A key with this hash already exists.', { cause: error });
    }
    throw error;
  }
}

export async function getKey(context: QueryContext, id: string): Promise<KeyRecord | null> {
  const row = await context.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : mapKeyRow(row, context.dialect);
}

export async function findKeyByHash(context: QueryContext, keyHash: string): Promise<KeyRecord | null> {
  const row = await context.db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
  return row === undefined ? null : mapKeyRow(row, context.dialect);
}

export async function listKeys(context: QueryContext): Promise<KeyRecord[]> {
  const rows = await context.db
    .selectFrom('api_keys')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => mapKeyRow(row, context.dialect));
}

export async function listKeysUpdatedSince(context: QueryContext, since: Date): Promise<KeyRecord[]> {
  const rows = await context.db
    .selectFrom('api_keys')
    .selectAll()
    .where('updated_at', '>=', toIso(since))
    .orderBy('updated_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map((row) => mapKeyRow(row, context.dialect));
}

export async function updateKey(context: QueryContext, id: string, patch: KeyPatch): Promise<KeyRecord | null> {
  const changes: Updateable<ApiKeysTable> = { updated_at: toIso(context.now()) };
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.models !== undefined) changes.models = encodeModels(patch.models);
  if (patch.rpm !== undefined) changes.rpm = patch.rpm;
  if (patch.tpm !== undefined) changes.tpm = patch.tpm;
  if (patch.budgetUsd !== undefined) changes.budget_usd = patch.budgetUsd;
  if (patch.budgetPeriod !== undefined) changes.budget_period = patch.budgetPeriod;
  if (patch.expiresAt !== undefined) changes.expires_at = toIsoOrNull(patch.expiresAt);
  if (patch.metadata !== undefined) changes.metadata = JSON.stringify(patch.metadata);
  const row = await context.db.updateTable('api_keys').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
  return row === undefined ? null : mapKeyRow(row, context.dialect);
}

export async function revokeKey(context: QueryContext, id: string, at: Date): Promise<KeyRecord | null> {
  // Only an unrevoked key changes, so the first revocation time stands and a repeated DELETE is harmless.
  const row = await context.db
    .updateTable('api_keys')
    .set({ revoked_at: toIso(at), updated_at: toIso(context.now()) })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? getKey(context, id) : mapKeyRow(row, context.dialect);
}
