/**
 * Signed reasoning across a stateless Responses conversation. Anthropic thinking signatures and
 * Gemini thought signatures (canonical `reasoning_details`, src/core/reasoning-details.ts) must come
 * back on the next request of a tool loop. A Responses client keeps exactly one opaque field for
 * that: the reasoning item's `encrypted_content` (which Codex always asks for, with store:false).
 * So the gateway puts the details there — `sy1.` + base64url(JSON) — and reads them back when the
 * item returns. The provider's own signatures protect the content; the wrapper is not a secret.
 * Anything else in `encrypted_content` (OpenAI's real encrypted reasoning) means nothing to another
 * provider and is dropped when translating.
 */
import { z } from 'zod';
import { reasoningDetailSchema, type ReasoningDetail } from '../../core/reasoning-details.js';

const PREFIX = 'sy1.';
const detailsSchema = z.array(reasoningDetailSchema).min(1);

export function encodeReasoningCarrier(details: readonly ReasoningDetail[]): string | undefined {
  if (details.length === 0) return undefined;
  return PREFIX + Buffer.from(JSON.stringify(details), 'utf8').toString('base64url');
}

export const isReasoningCarrier = (value: string | null | undefined): value is string => typeof value === 'string' && value.startsWith(PREFIX);

/** The details inside one of our carriers; null when it is not ours or does not decode. */
export function decodeReasoningCarrier(value: string): ReasoningDetail[] | null {
  if (!isReasoningCarrier(value)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(value.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = detailsSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
