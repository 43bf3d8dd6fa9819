/**
 * Reads a native Anthropic stream as its bytes pass through to the client
 * (https://docs.claude.com/en/docs/build-with-claude/streaming): usage from `message_start` and the
 * cumulative `message_delta` (which may revise the input counts), the end at `message_stop`, the
 * length of generated text (to estimate usage when the client leaves early; text deltas are measured
 * as written, without parsing them), and `error` events,
 * which throw the mapped GatewayError (the door then sends its own error event and ends the stream).
 * Events it cannot read are left alone: the client gets them as they came.
 */
import type { Usage } from '../../core/usage.js';
import { quotedLength } from '../../stream/raw-chunk.js';
import type { SseEvent } from '../../stream/sse-decoder.js';
import { anthropicStreamEventSchema, type AnthropicStreamEvent } from '../../providers/anthropic/anthropic-response-schema.js';
import { convertAnthropicUsage, emptyAnthropicCounts, mergeAnthropicUsage } from '../../providers/anthropic/convert-anthropic-usage.js';
import { mapAnthropicStreamError } from '../../providers/anthropic/map-error.js';
import { plainStreamEvent } from '../../providers/anthropic/plain-stream-event.js';
import { isFields } from '../../core/json-fields.js';
import type { NativeStreamScanner } from '../door.js';

const TEXT = '"text":"';
const THINKING = '"thinking":"';
const PARTIAL_JSON = '"partial_json":"';
const SCANNED: ReadonlySet<string> = new Set(['message_start', 'message_delta', 'message_stop', 'content_block_delta', 'error']);

export function createMessagesStreamScanner(): NativeStreamScanner {
  let counts = emptyAnthropicCounts();
  let started = false;
  let done = false;
  let textLength = 0;

  return {
    get done() {
      return done;
    },
    get textLength() {
      return textLength;
    },
    usage(): Usage | undefined {
      return started ? convertAnthropicUsage(counts) : undefined;
    },
    push(sseEvent: SseEvent): void {
      // Most of a stream is text deltas, named as such: counted as written, neither parsed nor validated.
      if (sseEvent.event === 'content_block_delta') {
        textLength += quotedLength(sseEvent.data, TEXT) + quotedLength(sseEvent.data, THINKING) + quotedLength(sseEvent.data, PARTIAL_JSON);
        return;
      }
      const json = parseData(sseEvent.data);
      const declared = isFields(json) && typeof json.type === 'string' ? json.type : undefined;
      const type = declared ?? sseEvent.event;
      if (type === undefined || !SCANNED.has(type) || typeof json !== 'object' || json === null) return;
      // The plain shapes are read by hand (plain-stream-event.ts); the schema decides the rest.
      const event = (declared !== undefined ? plainStreamEvent(json) : null) ?? schemaEvent(declared !== undefined ? json : { ...json, type });
      if (event === null) return;
      switch (event.type) {
        case 'message_start':
          started = true;
          counts = mergeAnthropicUsage(counts, event.message.usage);
          return;
        case 'message_delta':
          counts = mergeAnthropicUsage(counts, event.usage);
          return;
        case 'message_stop':
          done = true;
          return;
        case 'content_block_delta': {
          const change = event.delta;
          if (change.kind === 'text') textLength += change.text.length;
          else if (change.kind === 'thinking') textLength += change.thinking.length;
          else if (change.kind === 'input_json') textLength += change.json.length;
          return;
        }
        case 'error':
          throw mapAnthropicStreamError(event.error.type, event.error.message);
        default:
          return;
      }
    },
  };
}

function schemaEvent(json: unknown): AnthropicStreamEvent | null {
  const parsed = anthropicStreamEventSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

function parseData(data: string): unknown {
  const text = data.trim();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
