/**
 * Gemini thought signatures (https://ai.google.dev/gemini-api/docs/thought-signatures; protocols.md C.4)
 * ride in OpenAI `reasoning_details` (src/core/reasoning-details.ts) as
 * `{type:"reasoning.encrypted", format:"google-gemini-v1", data:<signature>, id?:<tool_call_id>, index}`:
 * with `id` when the signature sat on that tool call's functionCall part, without one when it sat on a
 * text or thought part. A functionCall's signature is also carried in its tool-call id
 * (thought-signature-id.ts) for clients that drop `reasoning_details`. The next request puts each
 * back on the matching part; Gemini 3 rejects a replayed function call turn whose first call lacks
 * one, so that call gets Google's documented sentinel when neither kept the signature.
 */
import type { ReasoningDetail } from '../../core/reasoning-details.js';

export const GEMINI_SIGNATURE_FORMAT = 'google-gemini-v1';
export const SKIP_THOUGHT_SIGNATURE_VALIDATOR = 'skip_thought_signature_validator';

export function signatureDetail(signature: string, index: number, toolCallId?: string): ReasoningDetail {
  const detail: ReasoningDetail = { type: 'reasoning.encrypted', data: signature, format: GEMINI_SIGNATURE_FORMAT, index };
  if (toolCallId !== undefined) detail.id = toolCallId;
  return detail;
}

export interface ReplayedSignatures {
  byToolCallId: Map<string, string>;
  /** Signatures of text/thought parts, in order. */
  unbound: string[];
}

/** Only Gemini's own signatures are replayed; another provider's reasoning is ignored. */
export function readSignatures(details: readonly ReasoningDetail[] | null | undefined): ReplayedSignatures {
  const byToolCallId = new Map<string, string>();
  const unbound: string[] = [];
  for (const detail of details ?? []) {
    if (detail.type !== 'reasoning.encrypted' || detail.format !== GEMINI_SIGNATURE_FORMAT || detail.data === '') continue;
    if (detail.id !== null && detail.id !== undefined && detail.id !== '') byToolCallId.set(detail.id, detail.data);
    else unbound.push(detail.data);
  }
  return { byToolCallId, unbound };
}
