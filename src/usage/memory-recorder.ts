import type { UsageRecord, UsageRecorder } from './usage-record.js';

/** Keeps the most recent records in memory: for tests and for running without a store. */
export class MemoryUsageRecorder implements UsageRecorder {
  readonly records: UsageRecord[] = [];

  constructor(private readonly capacity = 10_000) {}

  record(record: UsageRecord): void {
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}
}
