/**
 * Usage records leave the request path at once: they are buffered and written in batches. While
 * the store is down, batches are kept and retried with backoff; the buffer is bounded, and every
 * record dropped past the bound is counted and logged — never lost silently. Batches are idempotent
 * on the record id, so a batch retried after a partial failure never counts twice.
 */
import type { UsageRecord, UsageRecorder } from './usage-record.js';

export interface UsageSink {
  insertUsage(records: readonly UsageRecord[]): Promise<number>;
}

export interface BatchRecorderOptions {
  batchSize?: number;
  flushIntervalMs?: number;
  /** Records kept while the store is unreachable. */
  maxBuffered?: number;
  /** How long close() keeps retrying before giving up on what is left. */
  closeTimeoutMs?: number;
  log?: { warn(details: object, message: string): void; error(details: object, message: string): void };
}

export interface RecorderStats {
  buffered: number;
  written: number;
  dropped: number;
  failedWrites: number;
}

export class BatchUsageRecorder implements UsageRecorder {
  private buffer: UsageRecord[] = [];
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> | null = null;
  private backoffMs = 0;
  private retryAt = 0;
  readonly stats: RecorderStats = { buffered: 0, written: 0, dropped: 0, failedWrites: 0 };

  constructor(
    private readonly sink: UsageSink,
    private readonly options: BatchRecorderOptions = {},
  ) {
    this.timer = setInterval(() => void this.flushSoon(), options.flushIntervalMs ?? 200);
    this.timer.unref();
  }

  record(record: UsageRecord): void {
    this.buffer.push(record);
    const max = this.options.maxBuffered ?? 100_000;
    if (this.buffer.length > max) {
      const excess = this.buffer.length - max;
      this.buffer.splice(0, excess);
      this.stats.dropped += excess;
      this.options.log?.error({ dropped: excess, total_dropped: this.stats.dropped }, 'usage buffer full: oldest records dropped');
    }
    this.stats.buffered = this.buffer.length;
    if (this.buffer.length >= this.batchSize()) void this.flushSoon();
  }

  /** One pass over the buffer; stops at the first failure (the timer retries after a backoff). */
  flush(): Promise<void> {
    this.flushing ??= this.writeAll().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    const deadline = Date.now() + (this.options.closeTimeoutMs ?? 10_000);
    while (this.buffer.length > 0 && Date.now() < deadline) {
      this.retryAt = 0;
      await this.flush();
      if (this.buffer.length > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (this.buffer.length > 0) {
      this.stats.dropped += this.buffer.length;
      this.options.log?.error({ dropped: this.buffer.length }, 'usage records could not be written before shutdown');
      this.buffer = [];
    }
  }

  private flushSoon(): Promise<void> {
    if (Date.now() < this.retryAt || this.buffer.length === 0) return Promise.resolve();
    return this.flush();
  }

  private batchSize(): number {
    return this.options.batchSize ?? 500;
  }

  /**
   * Writes what is buffered when it starts, then only full batches. Records that arrive while a write
   * is out wait for the timer or a full batch: going straight on with the few that came in during the
   * round trip made one tiny transaction after another (each with its own WAL pages and locks) under load.
   */
  private async writeAll(): Promise<void> {
    for (let pass = 0; this.buffer.length > 0 && (pass === 0 || this.buffer.length >= this.batchSize()); pass++) {
      const batch = this.buffer.slice(0, this.batchSize());
      try {
        await this.sink.insertUsage(batch);
      } catch (error) {
        this.stats.failedWrites++;
        this.backoffMs = Math.min(Math.max(this.backoffMs * 2, 250), 5000);
        this.retryAt = Date.now() + this.backoffMs;
        this.options.log?.warn({ err: error, buffered: this.buffer.length, retry_in_ms: this.backoffMs }, 'usage write failed; will retry');
        return;
      }
      // Records may have been dropped from the front meanwhile: remove exactly the ones written.
      const written = new Set(batch);
      this.buffer = this.buffer.filter((record) => !written.has(record));
      this.stats.written += batch.length;
      this.stats.buffered = this.buffer.length;
      this.backoffMs = 0;
    }
  }
}
