import type { TokenCounts } from '../core/usage.js';

/** What the chat pipeline reports for /metrics; implemented over prom-client in src/metrics. */
export interface ChatMetrics {
  finished(call: { model: string; provider: string; status: number; latencyMs: number; ttftMs: number | null; tokens: TokenCounts; costUsd: number | null }): void;
  retry(provider: string): void;
  fallback(from: string, to: string): void;
  streamOpened(): void;
  streamClosed(): void;
}

export const noMetrics: ChatMetrics = {
  finished: () => undefined,
  retry: () => undefined,
  fallback: () => undefined,
  streamOpened: () => undefined,
  streamClosed: () => undefined,
};
