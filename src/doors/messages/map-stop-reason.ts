/**
 * Canonical `finish_reason` → Anthropic `stop_reason` (https://docs.claude.com/en/api/handling-stop-reasons),
 * the inverse of src/providers/anthropic/map-anthropic-stop-reason.ts: stop → end_turn, length →
 * max_tokens, tool_calls (and legacy function_call) → tool_use, content_filter → refusal; an
 * answer that carries an OpenAI `refusal` is a refusal too. `stop_sequence` is never reported for a
 * translated answer: OpenAI-format providers say `stop` whether the model finished or hit a stop
 * sequence, and not which one.
 */
import type { FinishReason } from '../../core/chat-response.js';
import type { StopReason } from './messages-response-types.js';

export function mapStopReason(finish: FinishReason | null, refused: boolean): StopReason {
  if (refused) return 'refusal';
  switch (finish) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}
