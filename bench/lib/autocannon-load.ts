/**
 * Drives one target with autocannon (programmatic, in this process) for a fixed time: successful
 * requests per second, sub-millisecond p50/p99 of the successful ones, and every failure counted
 * (non-2xx, socket errors, timeouts) so a broken server never looks fast.
 */
import autocannon from 'autocannon';
import type { BenchRequest } from './http-request.js';
import { LatencyHistogram } from './latency-histogram.js';
import type { LoadMeasurement } from './load-measurement.js';

function statusCounts(stats: autocannon.Result['statusCodeStats']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [code, stat] of Object.entries(stats)) if (stat !== undefined) out[code] = stat.count;
  return out;
}

export function runAutocannon(request: BenchRequest, connections: number, durationSeconds: number): Promise<LoadMeasurement> {
  const histogram = new LatencyHistogram();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: request.url,
        connections,
        duration: durationSeconds,
        pipelining: 1,
        timeout: 10,
        method: 'POST',
        headers: request.headers,
        body: request.body,
      },
      (error, result) => {
        if (error !== null) return reject(error);
        const ok = result['2xx'];
        const failed = result.non2xx + result.errors;
        const seconds = result.duration > 0 ? result.duration : durationSeconds;
        resolve({
          durationSeconds: seconds,
          ok,
          non2xx: result.non2xx,
          errors: result.errors,
          okPerSecond: ok / seconds,
          p50Ms: histogram.percentile(0.5),
          p99Ms: histogram.percentile(0.99),
          errorRate: ok + failed === 0 ? 1 : failed / (ok + failed),
          statusCodes: statusCounts(result.statusCodeStats),
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
      if (statusCode >= 200 && statusCode < 300) histogram.record(responseTimeMs);
    });
  });
}
