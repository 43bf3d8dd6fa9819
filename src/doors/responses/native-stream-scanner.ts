/**
 * Reads a native Responses stream as it passes through untouched: `response.completed`,
 * `response.incomplete` and `response.failed` end it (with the response's usage); an `error` event
 * is an upstream failure (thrown, so a first-event error can still fail over); text deltas are
 * measured as written, without parsing them, to estimate usage when the client leaves early.
 * https://platform.openai.com/docs/api-reference/responses-streaming
 */
import { z } from 'zod';
import { upstreamError, type GatewayError } from '../../core/errors.js';
import type { Usage } from '../../core/usage.js';
import { mapOpenAICompatibleError } from '../../providers/openai-compatible/map-error.js';
import { quotedLength } from '../../stream/raw-chunk.js';
import type { SseEvent } from '../../stream/sse-decoder.js';
import type { NativeStreamScanner } from '../door.js';
import { fromResponseUsage } from './map-usage.js';

const DELTA = '"delta":"';
const ENDINGS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

const eventSchema = z.looseObject({
  type: z.string(),
  delta: z.string().optional(),
  response: z.looseObject({ usage: z.unknown().optional() }).optional(),
  code: z.string().nullish(),
  message: z.string().nullish(),
  error: z.unknown().optional(),
});

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
      const parsed = eventSchema.safeParse(json);
      if (!parsed.success) return;
      const data = parsed.data;
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
function streamFailure(raw: string, data: z.infer<typeof eventSchema>): GatewayError {
  const status = data.code === 'rate_limit_exceeded' ? 429 : 502;
  const body = data.error === undefined ? JSON.stringify({ error: { message: data.message ?? 'The upstream stream failed.', code: data.code ?? null } }) : raw;
  return mapOpenAICompatibleError(status, body, {});
}
