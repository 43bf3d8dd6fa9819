/** The one place that frames OpenAI SSE: chunks, the mid-stream error event and `[DONE]`. */
import type { ChatCompletionChunk } from '../core/chat-response.js';
import { toEnvelope, type GatewayError } from '../core/errors.js';
import { rawJsonOf } from './raw-chunk.js';

export const SSE_DONE = 'data: [DONE]\n\n';

export function encodeChunk(chunk: ChatCompletionChunk): string {
  return `data: ${rawJsonOf(chunk) ?? JSON.stringify(chunk)}\n\n`;
}

/** Several chunks in one string, so that what arrived in one upstream read leaves in one write. */
export function encodeChunks(chunks: readonly ChatCompletionChunk[]): string {
  let out = '';
  for (const chunk of chunks) out += encodeChunk(chunk);
  return out;
}

export function encodeError(error: GatewayError): string {
  return `data: ${JSON.stringify(toEnvelope(error))}\n\n`;
}

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};
