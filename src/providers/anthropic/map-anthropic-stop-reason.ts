/**
 * Anthropic `stop_reason` → OpenAI `finish_reason` (protocols.md E.2;
 * https://docs.claude.com/en/api/handling-stop-reasons). A turn that ended in a call of the
 * synthetic JSON tool (map-response-format.ts) is a finished answer: `stop`, not `tool_calls`.
 */
import type { FinishReason } from '../../core/chat-response.js';

export function mapAnthropicStopReason(stopReason: string | null | undefined, answeredWithJsonTool = false): FinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn': // a server tool paused the turn; the client sees a complete answer so far
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
    case 'compaction': // the context was compacted mid-answer (litellm maps it to length)
      return 'length';
    case 'tool_use':
      return answeredWithJsonTool ? 'stop' : 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}
