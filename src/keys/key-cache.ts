/**
 * Every active key in memory, by hash, so authentication never reads the database. Changes made on
 * this instance apply at once; changes made elsewhere arrive through Redis pub/sub when Redis is
 * configured (instantly) and through a poll of recently updated keys (within `pollMs`) either way.
 */
import type { KeyLookup } from '../auth/authenticator.js';
import type { KeyPolicy } from '../auth/principal.js';
import type { KeyRecord, Store } from '../store/store.js';
import { toKeyPolicy } from './key-policy.js';

export interface KeyCacheOptions {
  pollMs?: number;
  /** Overlap between polls, so clock skew between instances and the database cannot hide a change. */
  overlapMs?: number;
  onError?: (error: unknown) => void;
  now?: () => number;
}

export class KeyCache implements KeyLookup {
  private readonly byHash = new Map<string, KeyPolicy>();
  private readonly hashById = new Map<string, string>();
  private lastSync = 0;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(
    private readonly store: Store,
    private readonly options: KeyCacheOptions = {},
  ) {}

  async start(): Promise<void> {
    const now = this.now();
    for (const record of await this.store.listKeys()) this.apply(record);
    this.lastSync = now;
    const interval = this.options.pollMs ?? 1000;
    this.timer = setInterval(() => void this.poll(), interval);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  findByHash(hash: string): KeyPolicy | undefined {
    return this.byHash.get(hash);
  }

  /** Applies a stored key's current state: active keys are (re)cached, revoked ones dropped. */
  apply(record: KeyRecord): void {
    const previous = this.hashById.get(record.id);
    if (previous !== undefined) this.byHash.delete(previous);
    if (record.revokedAt !== null) {
      this.hashById.delete(record.id);
      return;
    }
    this.hashById.set(record.id, record.keyHash);
    this.byHash.set(record.keyHash, toKeyPolicy(record));
  }

  /** Re-reads one key (a pub/sub notice from another instance). */
  async refresh(id: string): Promise<void> {
    const record = await this.store.getKey(id);
    if (record !== null) this.apply(record);
  }

  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const started = this.now();
      const since = new Date(this.lastSync - (this.options.overlapMs ?? 2000));
      for (const record of await this.store.listKeysUpdatedSince(since)) this.apply(record);
      this.lastSync = started;
    } catch (error) {
      this.options.onError?.(error);
    } finally {
      this.polling = false;
    }
  }

  get size(): number {
    return this.byHash.size;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
