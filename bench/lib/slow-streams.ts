/**
 * Holds many slow streams open at once through a server and watches its memory: the figure that
 * decides how many users one process can carry. One connection per stream, all bounded by a deadline.
 */
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { BenchRequest } from './http-request.js';
import { readTreeMemory } from './proc-memory.js';

export interface SlowStreamRound {
  streams: number;
  /** Streams whose body arrived complete with a 2xx status. */
  completed: number;
  /** Most streams that had started their body and not yet ended at one moment. */
  peakOpen: number;
  failed: number;
  /** Highest RSS sampled (every 200 ms) while the streams were open, MB; summed over the server's processes. */
  peakRssMb: number;
  /** RSS 2 s after the last stream ended (no forced GC), MB; summed over the server's processes. */
  afterRssMb: number;
  seconds: number;
}

/** Streams between their first body byte and their end. */
interface OpenCounter {
  open: number;
  peak: number;
}

async function oneStream(pool: Pool, url: URL, benchRequest: BenchRequest, signal: AbortSignal, counter: OpenCounter): Promise<boolean> {
  const response = await pool.request({
    path: url.pathname + url.search,
    method: 'POST',
    headers: benchRequest.headers,
    body: benchRequest.body,
    signal,
    headersTimeout: 120_000,
    bodyTimeout: 120_000,
  });
  let started = false;
  try {
    for await (const part of response.body) {
      if (started || Buffer.byteLength(part) === 0) continue;
      started = true;
      counter.open += 1;
      counter.peak = Math.max(counter.peak, counter.open);
    }
  } finally {
    if (started) counter.open -= 1;
  }
  return response.statusCode >= 200 && response.statusCode < 300;
}

export async function holdSlowStreams(
  benchRequest: BenchRequest,
  streams: number,
  deadlineMs: number,
  pid: number,
): Promise<SlowStreamRound> {
  const url = new URL(benchRequest.url);
  const pool = new Pool(url.origin, { connections: streams, pipelining: 1, keepAliveTimeout: 5_000 });
  const signal = AbortSignal.timeout(deadlineMs);
  setMaxListeners(streams * 2 + 10, signal);
  const started = Date.now();
  const counter: OpenCounter = { open: 0, peak: 0 };
  let peakRssMb = readTreeMemory(pid).rssMb;
  let running = true;
  const sampler = (async (): Promise<void> => {
    while (running) {
      peakRssMb = Math.max(peakRssMb, readTreeMemory(pid).rssMb);
      await sleep(200);
    }
  })();

  const outcomes = await Promise.all(
    Array.from({ length: streams }, () => oneStream(pool, url, benchRequest, signal, counter).catch(() => false)),
  );
  running = false;
  await sampler;
  const seconds = (Date.now() - started) / 1000;
  await pool.destroy().catch(() => undefined);
  await sleep(2000);
  const completed = outcomes.filter((outcome) => outcome).length;
  return { streams, completed, peakOpen: counter.peak, failed: streams - completed, peakRssMb, afterRssMb: readTreeMemory(pid).rssMb, seconds };
}
