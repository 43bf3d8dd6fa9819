/**
 * A conformant vendor's non-streamed answer (OpenAI itself) sent to the chat door as the very text
 * it came in, with its usage found by a scan instead of parsing the whole answer: the gateway needs
 * nothing else of it. The top-level `usage` is the last `"usage"` followed by a colon — inside a
 * string its quotes would be escaped, and a string value that happens to read "usage" is followed by
 * a comma or a bracket, never a colon — and only its counts are read. Anything the scan cannot read
 * with certainty (no usage, a usage that is not OpenAI's shape, a body that is not a completion)
 * answers null, and the caller parses and converts the answer in full.
 */
import type { Usage } from '../../core/usage.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const COMMA = 0x2c;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

export interface ScannedAnswer {
  usage: Usage;
}

export function scanConformantAnswer(text: string): ScannedAnswer | null {
  const first = skipSpace(text, 0);
  if (text.charCodeAt(first) !== OPEN || text.charCodeAt(lastNonSpace(text)) !== CLOSE) return null;
  if (text.indexOf('"chat.completion"') === -1) return null;
  const key = text.lastIndexOf('"usage"');
  if (key === -1 || text.charCodeAt(key - 1) === BACKSLASH) return null;
  const colon = skipSpace(text, key + 7);
  if (text.charCodeAt(colon) !== COLON) return null;
  const start = skipSpace(text, colon + 1);
  if (text.charCodeAt(start) !== OPEN) return null;
  const end = objectEnd(text, start);
  if (end === -1) return null;
  // The counts the gateway meters, read where they stand (parsing the object built a dozen properties
  // for five numbers).
  const prompt = countAt(text, '"prompt_tokens"', start, end);
  const completion = countAt(text, '"completion_tokens"', start, end);
  const total = countAt(text, '"total_tokens"', start, end);
  const cached = countAt(text, '"cached_tokens"', start, end);
  const reasoning = countAt(text, '"reasoning_tokens"', start, end);
  if (prompt === undefined || completion === undefined || total === undefined) return null;
  if (prompt === null || completion === null || total === null || cached === null || reasoning === null) return null;
  const usage: Usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total };
  if (cached !== undefined) usage.prompt_tokens_details = { cached_tokens: cached };
  if (reasoning !== undefined) usage.completion_tokens_details = { reasoning_tokens: reasoning };
  return { usage };
}

/**
 * The count after `"name":` between `from` and `to`: undefined when the name is not there, null when
 * its value is not a non-negative integer (null, a string, a fraction, an exponent, a sign).
 */
function countAt(text: string, name: string, from: number, to: number): number | undefined | null {
  const found = text.indexOf(name, from);
  if (found === -1 || found >= to) return undefined;
  const colon = skipSpace(text, found + name.length);
  if (text.charCodeAt(colon) !== COLON) return null;
  const first = skipSpace(text, colon + 1);
  let at = first;
  let value = 0;
  for (; at < to; at += 1) {
    const code = text.charCodeAt(at);
    if (code < DIGIT_0 || code > DIGIT_9) break;
    value = value * 10 + (code - DIGIT_0);
  }
  if (at === first || at - first > 15) return null;
  const next = text.charCodeAt(at);
  return next === COMMA || next === CLOSE || isSpace(next) ? value : null;
}

const isSpace = (code: number): boolean => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

function skipSpace(text: string, from: number): number {
  let at = from;
  while (at < text.length && isSpace(text.charCodeAt(at))) at += 1;
  return at;
}

function lastNonSpace(text: string): number {
  let at = text.length - 1;
  while (at > 0 && isSpace(text.charCodeAt(at))) at -= 1;
  return at;
}

/** The index after the `}` that closes the object opening at `start`, strings skipped whole; -1 if it never closes. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  for (let at = start; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      at = stringEnd(text, at);
      if (at === -1) return -1;
    } else if (code === OPEN) depth += 1;
    else if (code === CLOSE) {
      depth -= 1;
      if (depth === 0) return at + 1;
    }
  }
  return -1;
}

/** The index of the quote closing the string that opens at `start`; -1 if it never closes. */
function stringEnd(text: string, start: number): number {
  for (let at = start + 1; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === BACKSLASH) at += 1;
    else if (code === QUOTE) return at;
  }
  return -1;
}
