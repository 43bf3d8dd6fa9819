/**
 * Usage rows written to a SQLite file from a worker thread (sqlite-usage-worker.ts), so the inserts —
 * a few microseconds a row, and a batch of hundreds at a time — never stall the event loop that
 * serves requests (they showed up as the gateway's p99). The worker starts on the first batch and
 * again after a crash; a batch it could not write rejects, and the usage recorder retries it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { UsageRow, UsageRowWriter } from '../queries/query-context.js';
import { usageValues } from './sqlite-usage-writer.js';

interface Pending {
  resolve(inserted: number): void;
  reject(error: Error): void;
}

type Reply = { id: number; inserted: number } | { id: number; error: string };

const isReply = (message: unknown): message is Reply =>
  typeof message === 'object' && message !== null && 'id' in message && typeof message.id === 'number' && ('inserted' in message || 'error' in message);

export class WorkerUsageWriter implements UsageRowWriter {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(private readonly options: { path: string; busyTimeoutMs: number }) {}

  write(rows: readonly UsageRow[]): Promise<number> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // One JSON string per batch: the structured clone of hundreds of row objects cost more on the
      // event loop (a few µs a row) than the insert it handed off.
      worker.postMessage({ id, rows: JSON.stringify(rows.map(usageValues)) });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker !== null) await worker.terminate();
    this.failAll(new Error('the usage writer was closed'));
  }

  private start(): Worker {
    const worker = startWorker(new URL('./sqlite-usage-worker.js', import.meta.url), this.options);
    worker.unref();
    worker.on('message', (message: unknown) => {
      if (!isReply(message)) return;
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if ('error' in message) pending?.reject(new Error(message.error));
      else pending?.resolve(message.inserted);
    });
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      this.failAll(error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the usage writer thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/**
 * The compiled worker (dist/…/sqlite-usage-worker.js); from the TypeScript sources (tests run them
 * through tsx, whose loader hooks do not reach worker threads in Node 20) the .ts through tsx.
 */
function startWorker(url: URL, workerData: unknown): Worker {
  if (existsSync(fileURLToPath(url))) return new Worker(url, { workerData });
  const source = url.href.replace(/\.js$/, '.ts');
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`, { eval: true, workerData });
}
