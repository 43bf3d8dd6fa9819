/**
 * A conformant vendor's stream (OpenAI itself) to a client of the chat door: its events already are
 * OpenAI chunks, so the bytes go on as they came, cut only at event boundaries. Each event is looked
 * at with byte searches, never decoded: usage is parsed from the one chunk that carries it (and that
 * chunk is held back unless the client asked for `stream_options.include_usage` — the gateway always
 * asks upstream, to meter), an in-stream error becomes the GatewayError it maps to, the finish and
 * `[DONE]` are noted so a cut-off stream is still an error. An event in any other shape (CR line
 * ends, several `data:` lines, named events) is decoded and framed again as `data: …\n\n`.
 */
import { upstreamError } from '../../core/errors.js';
import type { Usage } from '../../core/usage.js';
import { SseDecoder } from '../../stream/sse-decoder.js';
import type { AdapterContext, StreamPassthrough } from '../adapter.js';
import { mapOpenAICompatibleError } from './map-error.js';
import { normalizeUsage } from './normalize-usage.js';
import { isFields } from '../../core/json-fields.js';

const LF = 10;
const CR = 13;
const EMPTY = new Uint8Array(0);
const DATA = Buffer.from('data: ');
const DONE = Buffer.from('[DONE]');
const DONE_EVENT = Buffer.from('data: [DONE]\n\n');
const CONTENT = Buffer.from('"content":"');
// Needles as bytes, made once: a string needle is encoded to UTF-8 again on every search.
const BLANK_LINE = Buffer.from('\n\n');
const FINISH_REASON = Buffer.from('"finish_reason":"');
const ERROR_KEY = Buffer.from('"error"');
const USAGE_OBJECT = Buffer.from('"usage":{');
const QUOTE = 34;
const BACKSLASH = 92;

/** What happens to one event: sent as it is, replaced by other bytes, or held back. */
type Verdict = 'send' | 'drop' | Buffer;

export function createConformantStreamPassthrough(context: Pick<AdapterContext, 'includeUsage'>): StreamPassthrough {
  let carry: Buffer | null = null;
  let events = 0;
  let done = false;
  let finished = false;
  let usage: Usage | undefined;
  let textLength = 0;

  /** One event's bytes (without the blank line that ended it); `payload` is what follows `data: `. */
  function judge(payload: Buffer): Verdict {
    events++;
    if (payload.length === DONE.length && payload.equals(DONE)) {
      done = true;
      return 'send';
    }
    const seen = scanEvent(payload);
    textLength += seen.contentLength;
    if ((seen.keys & FINISH_KEY) !== 0) finished = true;
    if ((seen.keys & (ERROR_FOUND | USAGE_FOUND)) === 0) return 'send';
    let chunk: unknown;
    try {
      chunk = JSON.parse(payload.toString('utf8'));
    } catch {
      throw upstreamError('The upstream sent a stream event that is not valid JSON.');
    }
    if (!isFields(chunk)) throw upstreamError('The upstream sent a stream event that is not a chat completion chunk.');
    if (chunk.error !== undefined && chunk.error !== null) throw mapOpenAICompatibleError(500, JSON.stringify({ error: chunk.error }), {});
    const chunkUsage = normalizeUsage(chunk.usage);
    if (chunkUsage === undefined) return 'send';
    usage = chunkUsage;
    if (context.includeUsage) return 'send';
    // Usage the client did not ask for: the trailing usage chunk is held back; usage riding on a chunk
    // with choices leaves with the chunk, without it.
    if (Array.isArray(chunk.choices) && chunk.choices.length === 0) return 'drop';
    const { usage: _usage, ...rest } = chunk;
    return Buffer.from(`data: ${JSON.stringify(rest)}\n\n`);
  }

  /** An event in a shape other than one `data: ` line: decoded, then judged and framed again. */
  function judgeOdd(raw: Buffer): Verdict {
    const decoder = new SseDecoder();
    const decoded = [...decoder.push(raw), ...decoder.push(Buffer.from('\n\n')), ...decoder.end()];
    if (decoded.length === 0) return 'send'; // a comment: harmless to the client
    const out: Buffer[] = [];
    for (const event of decoded) {
      const payload = Buffer.from(event.data);
      const verdict = judge(payload);
      if (verdict === 'drop') continue;
      out.push(verdict === 'send' ? Buffer.from(`${event.data.split('\n').map((line) => `data: ${line}`).join('\n')}\n\n`) : verdict);
    }
    return out.length === 0 ? 'drop' : Buffer.concat(out);
  }

  /** Complete events in `bytes` (each ended by a blank line): what of them to send. */
  function pass(bytes: Buffer): Buffer | Uint8Array {
    let pieces: Array<Buffer> | null = null;
    let sentFrom = 0;
    let start = 0;
    while (start < bytes.length) {
      const blank = bytes.indexOf(BLANK_LINE, start);
      const end = blank === -1 ? bytes.length : blank;
      const event = bytes.subarray(start, end);
      const next = blank === -1 ? bytes.length : blank + 2;
      const simple = startsWithData(event) && event.indexOf(LF) === -1;
      const verdict = event.length === 0 ? 'send' : simple ? judge(event.subarray(DATA.length)) : judgeOdd(event);
      if (verdict !== 'send') {
        pieces ??= [];
        if (start > sentFrom) pieces.push(bytes.subarray(sentFrom, start));
        if (verdict !== 'drop') pieces.push(verdict);
        sentFrom = next;
      }
      start = next;
      if (done) break;
    }
    if (pieces === null) return done ? bytes.subarray(0, start) : bytes;
    if (start > sentFrom) pieces.push(bytes.subarray(sentFrom, start));
    return pieces.length === 0 ? EMPTY : Buffer.concat(pieces);
  }

  return {
    get events() {
      return events;
    },
    get done() {
      return done;
    },
    usage: () => usage,
    get textLength() {
      return textLength;
    },

    push(chunk) {
      if (done) return EMPTY;
      const incoming = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      let bytes = carry === null ? incoming : Buffer.concat([carry, incoming]);
      // A CR last may be half of a CRLF: it waits for the next bytes.
      if (bytes[bytes.length - 1] === CR) {
        carry = Buffer.from(bytes);
        return EMPTY;
      }
      // CR line ends (never OpenAI's own): normalised to LF, so events are still found by their blank line.
      if (bytes.indexOf(CR) !== -1) bytes = Buffer.from(bytes.toString('latin1').replace(/\r\n?/g, '\n'), 'latin1');
      const last = bytes.lastIndexOf(BLANK_LINE);
      if (last === -1) {
        carry = bytes;
        return EMPTY;
      }
      const complete = bytes.subarray(0, last + 2);
      carry = last + 2 < bytes.length ? Buffer.from(bytes.subarray(last + 2)) : null;
      return pass(complete);
    },

    end() {
      let tail: Buffer | Uint8Array = EMPTY;
      if (!done && carry !== null && carry.length > 0) {
        const rest = carry;
        carry = null;
        tail = pass(Buffer.concat([rest, Buffer.from('\n\n')]));
      }
      if (done) return tail;
      if (events === 0) throw upstreamError('The upstream closed the stream before sending an answer.');
      if (!finished) throw upstreamError('The upstream closed the stream before the answer was complete.');
      return tail.length === 0 ? DONE_EVENT : Buffer.concat([tail, DONE_EVENT]);
    },
  };
}

/** Whether the event starts `data: `, compared byte by byte (a subarray and a native compare per event cost more). */
function startsWithData(event: Buffer): boolean {
  if (event.length < DATA.length) return false;
  for (let index = 0; index < DATA.length; index++) if (event[index] !== DATA[index]) return false;
  return true;
}

/** What one pass over an event found: which keys occur, and the length of its content string. */
export interface EventScan {
  keys: number;
  contentLength: number;
}

export const FINISH_KEY = 1;
export const ERROR_FOUND = 2;
export const USAGE_FOUND = 4;

const LETTER_C = 99;
const LETTER_E = 101;
const LETTER_F = 102;
const LETTER_U = 117;

/**
 * One pass over the event's bytes, stopping at each quote: a non-null `"finish_reason":"`, an
 * `"error"` key, a `"usage":{` object, and the length of the `"content":"…"` string as written
 * (escapes count as written: an estimate). It finds what separate searches for each needle found
 * (every needle starts with a quote, and a quote inside a JSON string is escaped), with one loop
 * instead of five native searches per event. The content's length is its first occurrence's.
 */
export function scanEvent(payload: Buffer): EventScan {
  let keys = 0;
  let contentLength = -1;
  const length = payload.length;
  for (let index = 0; index < length; index++) {
    if (payload[index] !== QUOTE) continue;
    const next = payload[index + 1];
    if (next === LETTER_F) {
      if (matchesAt(payload, index, FINISH_REASON)) keys |= FINISH_KEY;
    } else if (next === LETTER_E) {
      if (matchesAt(payload, index, ERROR_KEY)) keys |= ERROR_FOUND;
    } else if (next === LETTER_U) {
      if (matchesAt(payload, index, USAGE_OBJECT)) keys |= USAGE_FOUND;
    } else if (next === LETTER_C && contentLength === -1 && matchesAt(payload, index, CONTENT)) {
      const start = index + CONTENT.length;
      const close = closingQuote(payload, start);
      if (close === -1) {
        contentLength = 0;
        continue;
      }
      contentLength = close - start;
      // The string's own bytes hold no unescaped quote: go on after it.
      index = close;
    }
  }
  return { keys, contentLength: Math.max(contentLength, 0) };
}

function matchesAt(payload: Buffer, at: number, needle: Buffer): boolean {
  if (at + needle.length > payload.length) return false;
  for (let offset = 1; offset < needle.length; offset++) if (payload[at + offset] !== needle[offset]) return false;
  return true;
}

/** The index of the quote that closes a string starting at `start` (one not escaped by an odd run of backslashes), or -1. */
function closingQuote(payload: Buffer, start: number): number {
  for (let index = start; index < payload.length; index++) {
    if (payload[index] !== QUOTE) continue;
    let slashes = 0;
    while (index - 1 - slashes >= start && payload[index - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return index;
  }
  return -1;
}
