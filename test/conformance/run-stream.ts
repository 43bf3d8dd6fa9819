/**
 * Runs upstream SSE bytes through the gateway's stream stages exactly as src/chat/stream-chat.ts
 * does: SSE decoder → adapter stream converter, stopping at the converter's end marker, then end().
 * The bytes can be fed whole or in slices of any size (slices split events, lines and UTF-8 characters).
 */
import type { ChatCompletionChunk } from '../../src/core/chat-response.js';
import type { Usage } from '../../src/core/usage.js';
import type { AdapterContext, ProviderAdapter } from '../../src/providers/adapter.js';
import { SseDecoder } from '../../src/stream/sse-decoder.js';

export interface StreamOutcome {
  chunks: ChatCompletionChunk[];
  /** What the gateway meters: the converter's usage after the stream. */
  metered: Usage | undefined;
}

export function slices(bytes: Uint8Array, size: number | null): Uint8Array[] {
  if (size === null) return [bytes];
  const out: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += size) out.push(bytes.subarray(start, start + size));
  return out;
}

export function runStream(adapter: ProviderAdapter, context: AdapterContext, events: string[], sliceSize: number | null): StreamOutcome {
  const decoder = new SseDecoder();
  const converter = adapter.createStreamConverter(context);
  const chunks: ChatCompletionChunk[] = [];
  let finished = false;
  for (const bytes of slices(new TextEncoder().encode(events.join('')), sliceSize)) {
    if (finished) continue;
    for (const event of decoder.push(bytes)) {
      chunks.push(...converter.push(event));
      if (converter.done) break;
    }
    if (converter.done) {
      finished = true;
      chunks.push(...converter.end());
    }
  }
  if (!finished) {
    for (const event of decoder.end()) chunks.push(...converter.push(event));
    chunks.push(...converter.end());
  }
  return { chunks, metered: converter.usage() };
}
