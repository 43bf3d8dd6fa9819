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
    if (payload.equals(DONE)) {
      done = true;
      return 'send';
    }
    textLength += contentLength(payload);
    if (payload.indexOf(FINISH_REASON) !== -1) finished = true;
    const hasError = payload.indexOf(ERROR_KEY) !== -1;
    const hasUsage = payload.indexOf(USAGE_OBJECT) !== -1;
    if (!hasError && !hasUsage) return 'send';
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
      const simple = event.length >= DATA.length && event.subarray(0, DATA.length).equals(DATA) && event.indexOf(LF) === -1;
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

/** The length of the event's `"content":"…"` string as written (escapes count as written: an estimate). */
function contentLength(payload: Buffer): number {
  const open = payload.indexOf(CONTENT);
  if (open === -1) return 0;
  const start = open + CONTENT.length;
  for (let quote = payload.indexOf(QUOTE, start); quote !== -1; quote = payload.indexOf(QUOTE, quote + 1)) {
    let slashes = 0;
    while (payload[quote - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return quote - start;
  }
  return 0;
}
