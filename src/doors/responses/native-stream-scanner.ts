/**
 * Reads a native Responses stream as it passes through untouched: `response.completed`,
 * `response.incomplete` and `response.failed` end it (with the response's usage); an `error` event
 * is an upstream failure (thrown, so a first-event error can still fail over); text deltas are
 * measured as written, without parsing them, to estimate usage when the client leaves early.
 * https://platform.openai.com/docs/api-reference/responses-streaming
 */
import { isFields, isNullishString } from '../../core/json-fields.js';
import { upstreamError, type GatewayError } from '../../core/errors.js';
import type { Usage } from '../../core/usage.js';
import { mapOpenAICompatibleError } from '../../providers/openai-compatible/map-error.js';
import { quotedLength } from '../../stream/raw-chunk.js';
import type { SseEvent } from '../../stream/sse-decoder.js';
import type { NativeStreamScanner } from '../door.js';
import { fromResponseUsage } from './map-usage.js';

const DELTA = '"delta":"';
const ENDINGS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** The fields the scanner reads, as their types must be (checked by hand: a schema copied every event, and the response objects in them). */
interface StreamEvent {
  type: string;
  delta?: string;
  response?: { usage?: unknown };
  code?: string | null;
  message?: string | null;
  error?: unknown;
}

function readEvent(json: unknown): StreamEvent | null {
  if (!isFields(json) || typeof json.type !== 'string') return null;
  if (json.delta !== undefined && typeof json.delta !== 'string') return null;
  if (json.response !== undefined && !isFields(json.response)) return null;
  if (!isNullishString(json.code) || !isNullishString(json.message)) return null;
  return json as unknown as StreamEvent;
}

export function createNativeStreamScanner(): NativeStreamScanner {
  let done = false;
  let usage: Usage | undefined;
  let textLength = 0;
  return {
    push(event: SseEvent) {
      // Most of a stream is text deltas, named as such: counted as written, neither parsed nor validated.
      if (event.event === 'response.output_text.delta') {
        textLength += quotedLength(event.data, DELTA);
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch {
        throw upstreamError('The upstream sent a Responses stream event that is not JSON.');
      }
      const data = readEvent(json);
      if (data === null) return;
      if (data.type === 'error' || event.event === 'error') throw streamFailure(event.data, data);
      if (data.type === 'response.output_text.delta' && data.delta !== undefined) textLength += data.delta.length;
      if (ENDINGS.has(data.type)) {
        done = true;
        usage = fromResponseUsage(data.response?.usage) ?? usage;
      }
    },
    get done() {
      return done;
    },
    usage: () => usage,
    get textLength() {
      return textLength;
    },
  };
}

/** OpenAI nests the envelope (`{type:"error", error:{…}}`); the SDK's type is flat. Read either. */
function streamFailure(raw: string, data: StreamEvent): GatewayError {
  const status = data.code === 'rate_limit_exceeded' ? 429 : 502;
  const body = data.error === undefined ? JSON.stringify({ error: { message: data.message ?? 'The upstream stream failed.', code: data.code ?? null } }) : raw;
  return mapOpenAICompatibleError(status, body, {});
}
