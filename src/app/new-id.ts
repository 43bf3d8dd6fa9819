/**
 * OpenAI-style ids: `chatcmpl-…` for answers, `call_…` for tool calls, 24 letters and digits of
 * randomness. The random bytes come from a pool refilled 6 KB at a time: a crypto call per id (plus
 * base64 and a regular expression to keep it alphanumeric) was a few percent of a translated call.
 */
import { randomFillSync } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LENGTH = 24;
const pool = Buffer.alloc(LENGTH * 256);
let offset = pool.length;

function randomPart(): string {
  let part = '';
  // 248 = 4 × 62: bytes above it are skipped, so every character is equally likely.
  while (part.length < LENGTH) {
    if (offset === pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    const byte = pool[offset++] as number;
    if (byte < 248) part += ALPHABET[byte % 62];
  }
  return part;
}

export function newId(prefix: string): string {
  return prefix === 'call' ? `call_${randomPart()}` : `${prefix}-${randomPart()}`;
}
