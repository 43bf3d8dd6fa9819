/**
 * Gemini `finishReason` → OpenAI `finish_reason` (protocols.md E.5).
 * Enum: https://ai.google.dev/api/generate-content#FinishReason. Gemini has no tool-call reason:
 * a turn that called functions ends with STOP, which becomes `tool_calls`.
 */
import type { FinishReason } from '../../core/chat-response.js';

const CONTENT_FILTER = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
  'LANGUAGE',
  'ESCALATION',
]);

export function mapGeminiFinishReason(reason: string | null | undefined, hasToolCalls: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason !== null && reason !== undefined && CONTENT_FILTER.has(reason)) return 'content_filter';
  // STOP, OTHER, MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL, MISSING_THOUGHT_SIGNATURE, unknown values…
  const endedNormally = reason === 'STOP' || reason === null || reason === undefined || reason === 'FINISH_REASON_UNSPECIFIED';
  return hasToolCalls && endedNormally ? 'tool_calls' : 'stop';
}
