/**
 * A failure after a Responses stream has started. Two events, one for each kind of client:
 * - `error` carries ResponseErrorEvent's flat `code`/`message`/`param` and also the envelope's
 *   nested `error` object, as OpenAI's servers send it. The nested object is what makes the openai
 *   SDK throw an `APIError` from `client.responses.stream()` and `create({stream:true})`
 *   (openai-node src/core/streaming.ts throws on `data.error`); with the flat fields alone
 *   `.stream()` rejects with a plain object and `create()` yields the event as data.
 * - `response.failed` with `response.error` is what Codex reads (codex-rs codex-api/src/sse/responses.rs:
 *   it ignores `error` events and maps `response.failed` codes such as `rate_limit_exceeded` or
 *   `context_length_exceeded` to its own retry decisions).
 * Inside a stream the encoder numbers them and names its response (`fail`); without the stream's
 * state (a native stream, src/doors/door.ts `streamError`) they carry no `sequence_number`.
 */
import type { GatewayError } from '../../core/errors.js';

type Frame = (type: string, fields: Record<string, unknown>) => string;

const unnumbered: Frame = (type, fields) => `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`;

export function encodeStreamError(error: GatewayError, frame: Frame = unnumbered, response: { id: string; created_at?: number; model?: string } = { id: 'resp_failed' }): string {
  const detail = { type: error.type, code: error.code, message: error.message, param: error.param };
  const failed = {
    response: {
      ...response,
      object: 'response',
      status: 'failed',
      error: { code: error.code ?? 'server_error', message: error.message },
      incomplete_details: null,
      output: [],
    },
  };
  return frame('error', { code: error.code, message: error.message, param: error.param, error: detail }) + frame('response.failed', failed);
}
