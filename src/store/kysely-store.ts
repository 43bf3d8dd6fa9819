/**
 * The one Store implementation: shared Kysely queries over a dialect (SQLite or Postgres). Only the
 * connection setup (`sqlite/`, `postgres/`) and the few SQL differences (`SqlDialect`) vary.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';
import { MIGRATIONS } from './migrations/migrations.js';
import { runMigrations } from './migrations/run-migrations.js';
import * as keyQueries from './queries/key-queries.js';
import type { QueryContext, UsageRowWriter } from './queries/query-context.js';
import { usageReport } from './queries/report-queries.js';
import { dailySpendByModel, usageTotals } from './queries/overview-queries.js';
import { providerStats } from './queries/provider-stats-queries.js';
import { getRequest, listRequests } from './queries/request-queries.js';
import * as settingQueries from './queries/setting-queries.js';
import * as usageQueries from './queries/usage-queries.js';
import type { SqlDialect } from './sql-dialect.js';
import { StoreError, describeError } from './store-error.js';
import type {
  DailyModelSpend,
  KeyPatch,
  KeyRecord,
  KeySpend,
  NewKey,
  PeriodStarts,
  ProviderStats,
  RequestPage,
  RequestQuery,
  Store,
  TimeRange,
  UsageRecord,
  UsageReportQuery,
  UsageReportRow,
  UsageTotals,
} from './store.js';

export interface KyselyStoreOptions {
  db: Kysely<Database>;
  dialect: SqlDialect;
  /** Where the data lives, for error messages; never contains credentials. */
  target: string;
  now?: () => Date;
  /** A faster way to insert usage rows than the query builder (SQLite's prepared statement). */
  usageWriter?: UsageRowWriter;
}

export class KyselyStore implements Store {
  readonly backend: 'sqlite' | 'postgres';
  readonly #context: QueryContext;
  readonly #target: string;
  #closing: Promise<void> | null = null;

  constructor(options: KyselyStoreOptions) {
    this.backend = options.dialect.name;
    this.#context = { db: options.db, dialect: options.dialect, now: options.now ?? (() => new Date()), usageWriter: options.usageWriter };
    this.#target = options.target;
  }

  migrate(): Promise<string[]> {
    const { db, dialect, now } = this.#context;
    return runMigrations(db, dialect, MIGRATIONS, now);
  }

  createKey(key: NewKey): Promise<KeyRecord> {
    return keyQueries.createKey(this.#context, key);
  }

  getKey(id: string): Promise<KeyRecord | null> {
    return keyQueries.getKey(this.#context, id);
  }

  findKeyByHash(keyHash: string): Promise<KeyRecord | null> {
    return keyQueries.findKeyByHash(this.#context, keyHash);
  }

  listKeys(): Promise<KeyRecord[]> {
    return keyQueries.listKeys(this.#context);
  }

  listKeysUpdatedSince(since: Date): Promise<KeyRecord[]> {
    return keyQueries.listKeysUpdatedSince(this.#context, since);
  }

  updateKey(id: string, patch: KeyPatch): Promise<KeyRecord | null> {
    return keyQueries.updateKey(this.#context, id, patch);
  }

  revokeKey(id: string, at?: Date): Promise<KeyRecord | null> {
    return keyQueries.revokeKey(this.#context, id, at ?? this.#context.now());
  }

  insertUsage(records: readonly UsageRecord[]): Promise<number> {
    return usageQueries.insertUsage(this.#context, records);
  }

  keySpend(keyId: string, since: Date | null): Promise<number> {
    return usageQueries.keySpend(this.#context, keyId, since);
  }

  spendByKey(starts: PeriodStarts): Promise<Map<string, KeySpend>> {
    return usageQueries.spendByKey(this.#context, starts);
  }

  usageReport(query: UsageReportQuery): Promise<UsageReportRow[]> {
    return usageReport(this.#context, query);
  }

  listRequests(query: RequestQuery): Promise<RequestPage> {
    return listRequests(this.#context, query);
  }

  getRequest(id: string): Promise<UsageRecord | null> {
    return getRequest(this.#context, id);
  }

  usageTotals(starts: readonly Date[]): Promise<UsageTotals[]> {
    return usageTotals(this.#context, starts);
  }

  dailySpendByModel(range: TimeRange): Promise<DailyModelSpend[]> {
    return dailySpendByModel(this.#context, range);
  }

  providerStats(range: TimeRange): Promise<ProviderStats[]> {
    return providerStats(this.#context, range);
  }

  getSetting(name: string): Promise<string | null> {
    return settingQueries.getSetting(this.#context, name);
  }

  setSettingIfAbsent(name: string, value: string): Promise<string> {
    return settingQueries.setSettingIfAbsent(this.#context, name, value);
  }

  async ping(): Promise<void> {
    try {
      await sql`select 1`.execute(this.#context.db);
    } catch (error) {
      throw new StoreError('unavailable', `Cannot reach the ${this.#target}: ${describeError(error)}`, { cause: error });
    }
  }

  close(): Promise<void> {
    // Kysely (and pg's Pool) refuse a second destroy; callers (shutdown paths, tests) may close twice.
    this.#closing ??= Promise.all([this.#context.usageWriter?.close?.(), this.#context.db.destroy()]).then(() => undefined);
    return this.#closing;
  }
}
