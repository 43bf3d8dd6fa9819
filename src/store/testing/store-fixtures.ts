/** Shared pieces of the store contract suite: the harness each backend provides, a clock, records. */
import { createHash } from 'node:crypto';
import type { TestContext } from 'node:test';
import type { Store, UsageRecord } from '../store.js';

export interface TestDatabase {
  /** A new Store (its own connections) on this database; may be called several times. */
  open(options: { now: () => Date }): Promise<Store>;
  destroy(): Promise<void>;
}

export interface StoreHarness {
  name: string;
  /** A fresh, empty, unmigrated database. */
  createDatabase(): Promise<TestDatabase>;
  /**
   * Whether several Stores in this one process may write to one database at once. Postgres: yes.
   * SQLite: no — a second connection waits for the write lock with a blocking busy loop, which
   * would stall the single event loop the first connection needs to finish (processes are fine).
   */
  concurrentInstances: boolean;
  /** For backends with a server: a store pointed at a server that is not there. */
  openUnreachable?: () => Promise<Store>;
}

export class TestClock {
  #current: Date;

  constructor(start = '2025-03-01T10:00:00.000Z') {
    this.#current = new Date(start);
  }

  readonly now = (): Date => new Date(this.#current);

  set(iso: string): Date {
    this.#current = new Date(iso);
    return this.now();
  }

  advance(milliseconds: number): Date {
    this.#current = new Date(this.#current.getTime() + milliseconds);
    return this.now();
  }
}

export interface Fixture {
  store: Store;
  clock: TestClock;
  /** Another Store on the same database (closed with the test). */
  open(): Promise<Store>;
}

/** A fresh database and a store on it, torn down when the test ends. */
export async function fixture(t: TestContext, harness: StoreHarness, options: { migrate?: boolean } = {}): Promise<Fixture> {
  const database = await harness.createDatabase();
  const clock = new TestClock();
  const stores: Store[] = [];
  t.after(async () => {
    for (const store of stores) await store.close();
    await database.destroy();
  });
  const open = async (): Promise<Store> => {
    const store = await database.open({ now: clock.now });
    stores.push(store);
    return store;
  };
  const store = await open();
  if (options.migrate ?? true) await store.migrate();
  return { store, clock, open };
}

let sequence = 0;

export function usageRecord(overrides: Partial<UsageRecord> = {}): UsageRecord {
  sequence += 1;
  return {
    id: `req_${String(sequence).padStart(6, '0')}`,
    keyId: 'key_a',
    model: 'gpt-4o',
    provider: 'openai',
    upstreamModel: 'gpt-4o-2024-08-06',
    promptTokens: 10,
    completionTokens: 5,
    cachedTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    costUsd: 0.001,
    latencyMs: 120,
    ttftMs: 40,
    status: 200,
    errorCode: null,
    stream: false,
    retries: 0,
    fallbacks: 0,
    door: 'chat',
    createdAt: new Date('2025-03-01T10:00:00.000Z'),
    ...overrides,
  };
}

export const at = (iso: string): Date => new Date(iso);

/** A key hash as the auth layer produces it: hex SHA-256. */
export const hashOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');
