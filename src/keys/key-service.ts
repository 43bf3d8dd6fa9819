/**
 * Creating, changing and revoking virtual keys. The secret exists only in the answer to create;
 * the store keeps its SHA-256. Every change is applied to this instance's cache at once and
 * announced to the others.
 */
import { generateSecret, hashKey } from '../auth/hash-key.js';
import { notFound } from '../core/errors.js';
import { periodStart } from '../limits/period-start.js';
import type { KeyPatch, KeyRecord, NewKey, Store } from '../store/store.js';
import type { KeyCache } from './key-cache.js';
import type { KeyEvents } from './key-events.js';
import type { CreateKeyInput, PatchKeyInput } from './key-input.js';

export interface KeyView {
  id: string;
  object: 'key';
  name: string;
  key_prefix: string;
  models: string[] | null;
  rpm: number | null;
  tpm: number | null;
  budget_usd: number | null;
  budget_period: 'day' | 'week' | 'month' | null;
  expires_at: string | null;
  metadata: Record<string, unknown>;
  revoked_at: string | null;
  created_at: string;
  updated_at: string;
  /** Spend in the current budget period (lifetime when the key has no period). */
  spend_usd: number;
}

export class KeyService {
  constructor(
    private readonly store: Store,
    private readonly cache: KeyCache | null,
    private readonly events: KeyEvents,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(input: CreateKeyInput): Promise<KeyView & { key: string }> {
    const secret = generateSecret('sy');
    const record = await this.store.createKey({ ...toStoreFields(input), name: input.name, keyHash: hashKey(secret), keyPrefix: secret.slice(0, 10) } satisfies NewKey);
    await this.changed(record);
    return { ...(await this.view(record)), key: secret };
  }

  async list(): Promise<KeyView[]> {
    return Promise.all((await this.store.listKeys()).map((record) => this.view(record)));
  }

  async get(id: string): Promise<KeyView> {
    return this.view(await this.require(this.store.getKey(id), id));
  }

  async update(id: string, input: PatchKeyInput): Promise<KeyView> {
    const record = await this.require(this.store.updateKey(id, toStoreFields(input)), id);
    await this.changed(record);
    return this.view(record);
  }

  async revoke(id: string): Promise<KeyView> {
    const record = await this.require(this.store.revokeKey(id, this.now()), id);
    await this.changed(record);
    return this.view(record);
  }

  private async changed(record: KeyRecord): Promise<void> {
    this.cache?.apply(record);
    await this.events.publish(record.id);
  }

  private async require(pending: Promise<KeyRecord | null>, id: string): Promise<KeyRecord> {
    const record = await pending;
    if (record === null) throw notFound(`No key with id \`${id}\`.`);
    return record;
  }

  private async view(record: KeyRecord): Promise<KeyView> {
    const since = record.budgetPeriod === null ? null : new Date(periodStart(record.budgetPeriod, this.now().getTime()));
    return {
      id: record.id,
      object: 'key',
      name: record.name,
      key_prefix: record.keyPrefix,
      models: record.models,
      rpm: record.rpm,
      tpm: record.tpm,
      budget_usd: record.budgetUsd,
      budget_period: record.budgetPeriod,
      expires_at: record.expiresAt?.toISOString() ?? null,
      metadata: record.metadata,
      revoked_at: record.revokedAt?.toISOString() ?? null,
      created_at: record.createdAt.toISOString(),
      updated_at: record.updatedAt.toISOString(),
      spend_usd: await this.store.keySpend(record.id, since),
    };
  }
}

function toStoreFields(input: PatchKeyInput): KeyPatch {
  const patch: KeyPatch = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.models !== undefined) patch.models = input.models;
  if (input.rpm !== undefined) patch.rpm = input.rpm;
  if (input.tpm !== undefined) patch.tpm = input.tpm;
  if (input.budget_usd !== undefined) patch.budgetUsd = input.budget_usd;
  if (input.budget_period !== undefined) patch.budgetPeriod = input.budget_period;
  if (input.expires_at !== undefined) patch.expiresAt = input.expires_at === null ? null : new Date(input.expires_at);
  if (input.metadata !== undefined) patch.metadata = input.metadata;
  return patch;
}
