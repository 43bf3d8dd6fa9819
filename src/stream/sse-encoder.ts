/** The one place that frames OpenAI SSE: chunks, the mid-stream error event and `[DONE]`. */
import type { ChatCompletionChunk } from '../core/chat-response.js';
import { toEnvelope, type GatewayError } from '../core/errors.js';

export const SSE_DONE = 'data: [DONE]\n\n';

export function encodeChunk(chunk: ChatCompletionChunk): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
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
