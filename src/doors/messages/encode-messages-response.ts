/**
 * A canonical ChatCompletion → Anthropic `Message` (https://docs.claude.com/en/api/messages):
 * content in Anthropic's order — thinking, text, tool_use. Thinking comes from `reasoning_details`
 * made by Claude (signed; redacted thinking as `redacted_thinking`), otherwise from
 * `reasoning_content` with an empty signature (another provider's reasoning cannot be signed). An
 * OpenAI refusal becomes the text, `stop_reason: "refusal"` and `stop_details.explanation`. `model`
 * is the model the client asked for (as Anthropic echoes it; Claude Code keeps signed thinking only
 * then); usage is converted to Anthropic's accounting.
 */
import type { ChatCompletion } from '../../core/chat-response.js';
import { ANTHROPIC_REASONING_FORMAT, toThinkingBlocks } from '../../providers/anthropic/convert-reasoning-details.js';
import type { DoorContext } from '../door.js';
import { messageId, toolUseId } from './anthropic-ids.js';
import { convertUsageToAnthropic } from './convert-usage-to-anthropic.js';
import { mapStopReason } from './map-stop-reason.js';
import type { MessagesResponse, OutputBlock } from './messages-response-types.js';
import { parseToolInput } from './parse-tool-input.js';

export function encodeMessagesResponse(completion: ChatCompletion, requestedModel: string, context: DoorContext): MessagesResponse {
  const choice = completion.choices[0];
  const message = choice?.message;
  const content: OutputBlock[] = [];
  if (message !== undefined) {
    const claudeDetails = (message.reasoning_details ?? []).filter((detail) => detail.format === ANTHROPIC_REASONING_FORMAT);
    const signed = toThinkingBlocks(claudeDetails);
    if (signed.length > 0) content.push(...signed);
    else if (message.reasoning_content) content.push({ type: 'thinking', thinking: message.reasoning_content, signature: '' });
    const text = message.content ?? message.refusal ?? '';
    if (text !== '') content.push({ type: 'text', text, citations: null });
    for (const call of message.tool_calls ?? []) {
      content.push({ type: 'tool_use', id: toolUseId(call.id, context), name: call.function.name, input: parseToolInput(call.function.arguments) });
    }
  }
  const refusal = message?.refusal ?? null;
  const stopReason = mapStopReason(choice?.finish_reason ?? null, refusal !== null);
  return {
    id: messageId(context),
    type: 'message',
    role: 'assistant',
    model: requestedModel,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    stop_details: stopReason === 'refusal' ? { type: 'refusal', category: null, explanation: refusal } : null,
    usage: convertUsageToAnthropic(completion.usage),
  };
}
