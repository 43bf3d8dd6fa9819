/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"),
 * stretched to honour a provider's Retry-After when it asks for longer.
 */
import type { CallSignal } from '../core/call-signal.js';

export function backoffMs(attempt: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  const ceiling = Math.min(4000, 250 * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(random() * ceiling);
  return retryAfterMs === null ? jittered : Math.max(retryAfterMs, jittered);
}

/** Retry-After as milliseconds: `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Readonly<Record<string, string>>, now: number = Date.now()): number | null {
  const ms = headers['retry-after-ms'];
  if (ms !== undefined && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers['retry-after'];
  if (value === undefined) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function sleep(ms: number, signal: CallSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    const stopListening = signal.onAbort(done);
    function done() {
      clearTimeout(timer);
      stopListening();
      resolve();
    }
  });
}
