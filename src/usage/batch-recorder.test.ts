import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BatchUsageRecorder, type UsageSink } from './batch-recorder.js';
import type { UsageRecord } from './usage-record.js';

const record = (id: string): UsageRecord => ({
  id, keyId: null, model: 'm', provider: 'p', upstreamModel: 'u', promptTokens: 1, completionTokens: 1, cachedTokens: 0,
  cacheWriteTokens: 0, reasoningTokens: 0, costUsd: 0, latencyMs: 1, ttftMs: null, status: 200, errorCode: null,
  stream: false, retries: 0, fallbacks: 0, door: 'chat', createdAt: new Date(),
});

class FlakySink implements UsageSink {
  readonly rows = new Map<string, UsageRecord>();
  down = false;
  calls = 0;
  async insertUsage(records: readonly UsageRecord[]) {
    this.calls++;
    if (this.down) throw new Error('database is down');
    for (const item of records) if (!this.rows.has(item.id)) this.rows.set(item.id, item);
    return records.length;
  }
}

test('records are written in batches, not one by one', async () => {
  const sink = new FlakySink();
  const recorder = new BatchUsageRecorder(sink, { batchSize: 50, flushIntervalMs: 10_000 });
  for (let index = 0; index < 120; index++) recorder.record(record(`r${index}`));
  await recorder.close();
  assert.equal(sink.rows.size, 120);
  assert.ok(sink.calls <= 4, `${sink.calls} writes for 120 records`);
});

/** A sink whose writes all wait until `release()`, noting each batch's size. */
function gatedSink() {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const sizes: number[] = [];
  const sink: UsageSink = {
    async insertUsage(records) {
      sizes.push(records.length);
      await gate;
      return records.length;
    },
  };
  return { sink, sizes, release: () => release() };
}

test('records that arrive during a write wait for the next flush instead of a write of their own', async () => {
  const { sink, sizes, release } = gatedSink();
  const recorder = new BatchUsageRecorder(sink, { batchSize: 50, flushIntervalMs: 10_000 });
  for (let index = 0; index < 10; index++) recorder.record(record(`a${index}`));
  const writing = recorder.flush();
  for (let index = 0; index < 5; index++) recorder.record(record(`b${index}`));
  release();
  await writing;
  assert.deepEqual(sizes, [10]);
  assert.equal(recorder.stats.buffered, 5);
  await recorder.close();
  assert.deepEqual(sizes, [10, 5]);
});

test('a full batch gathered during a write is written in the same pass', async () => {
  const { sink, sizes, release } = gatedSink();
  const recorder = new BatchUsageRecorder(sink, { batchSize: 4, flushIntervalMs: 10_000 });
  recorder.record(record('a'));
  const writing = recorder.flush();
  for (let index = 0; index < 9; index++) recorder.record(record(`b${index}`));
  release();
  await writing;
  assert.deepEqual(sizes, [1, 4, 4]);
  assert.equal(recorder.stats.buffered, 1);
  await recorder.close();
});

test('while the store is down records are kept and written once it is back', async () => {
  const sink = new FlakySink();
  sink.down = true;
  const recorder = new BatchUsageRecorder(sink, { flushIntervalMs: 10 });
  for (let index = 0; index < 10; index++) recorder.record(record(`r${index}`));
  await recorder.flush();
  assert.equal(sink.rows.size, 0);
  assert.equal(recorder.stats.failedWrites, 1);
  assert.equal(recorder.stats.buffered, 10);
  sink.down = false;
  await recorder.close();
  assert.equal(sink.rows.size, 10);
  assert.equal(recorder.stats.dropped, 0);
});

test('past the bound the oldest records are dropped, counted and logged', async () => {
  const sink = new FlakySink();
  sink.down = true;
  const errors: object[] = [];
  const recorder = new BatchUsageRecorder(sink, {
    maxBuffered: 5,
    flushIntervalMs: 10_000,
    closeTimeoutMs: 50,
    log: { warn: () => undefined, error: (details) => errors.push(details) },
  });
  for (let index = 0; index < 8; index++) recorder.record(record(`r${index}`));
  assert.equal(recorder.stats.dropped, 3);
  assert.ok(errors.length >= 1);
  sink.down = false;
  await recorder.close();
  assert.deepEqual([...sink.rows.keys()], ['r3', 'r4', 'r5', 'r6', 'r7']);
});
