/**
 * Time to first byte of a paced stream over one keep-alive connection, request after request:
 * from sending the request to the first body bytes (the first SSE chunk), and to the stream's end.
 * A proxy that buffers shows a first byte close to the end.
 */
import { performance } from 'node:perf_hooks';
import { Client } from 'undici';
import type { BenchRequest } from './http-request.js';
import { median } from './stats.js';

export interface TtfbMeasurement {
  samples: number;
  failures: number;
  ttfbP50Ms: number;
  ttfbP99Ms: number;
  totalP50Ms: number;
}

/** Discarded first samples: connection set-up and cold code paths. */
const warmupSamples = 3;

function percentile(values: number[], quantile: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1))] ?? Number.NaN;
}

async function sampleOnce(client: Client, url: URL, benchRequest: BenchRequest): Promise<{ ttfb: number; total: number } | undefined> {
  const started = performance.now();
  const response = await client.request({
    path: url.pathname + url.search,
    method: 'POST',
    headers: benchRequest.headers,
    body: benchRequest.body,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  let firstByte = Number.NaN;
  for await (const part of response.body) {
    if (Number.isNaN(firstByte) && Buffer.byteLength(part) > 0) firstByte = performance.now();
  }
  const finished = performance.now();
  if (response.statusCode < 200 || response.statusCode > 299 || Number.isNaN(firstByte)) return undefined;
  return { ttfb: firstByte - started, total: finished - started };
}

export async function measureTtfb(benchRequest: BenchRequest, samples: number, budgetMs: number): Promise<TtfbMeasurement> {
  const url = new URL(benchRequest.url);
  const client = new Client(url.origin, { pipelining: 1, keepAliveTimeout: 30_000 });
  const ttfbs: number[] = [];
  const totals: number[] = [];
  let failures = 0;
  const deadline = performance.now() + budgetMs;
  try {
    for (let index = 0; index < samples + warmupSamples && performance.now() < deadline; index += 1) {
      const sample = await sampleOnce(client, url, benchRequest).catch(() => undefined);
      if (index < warmupSamples) continue;
      if (sample === undefined) {
        failures += 1;
        continue;
      }
      ttfbs.push(sample.ttfb);
      totals.push(sample.total);
    }
  } finally {
    await client.close().catch(() => undefined);
  }
  return {
    samples: ttfbs.length,
    failures,
    ttfbP50Ms: median(ttfbs),
    ttfbP99Ms: percentile(ttfbs, 0.99),
    totalP50Ms: median(totals),
  };
}
