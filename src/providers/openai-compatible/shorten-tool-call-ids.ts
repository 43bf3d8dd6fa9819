/**
 * OpenAI rejects tool-call ids longer than 40 characters ("string too long. Expected a string with
 * maximum length 40"), and a conversation may carry longer ones from another provider: the Gemini
 * adapter puts the call's thought signature in its id (src/providers/gemini/thought-signature-id.ts,
 * https://ai.google.dev/gemini-api/docs/thought-signatures). When such a conversation moves to an
 * OpenAI-compatible model, each long id becomes `call_` + 24 characters of its SHA-256 (base64url).
 * The mapping depends on the id alone, so an assistant's `tool_calls[].id` and the tool message that
 * answers it stay paired, in this request and in every later one.
 */
import { createHash } from 'node:crypto';
import type { ChatMessage } from '../../core/chat-request.js';

export const MAX_TOOL_CALL_ID_LENGTH = 40;

export function shortenToolCallId(id: string): string {
  if (id.length <= MAX_TOOL_CALL_ID_LENGTH) return id;
  return `call_${createHash('sha256').update(id).digest('base64url').slice(0, 24)}`;
}

/** The messages with every over-long tool-call id shortened; other messages are returned as they are. */
export function shortenToolCallIds(messages: readonly ChatMessage[]): ChatMessage[] {
  const tooLong = (id: string): boolean => id.length > MAX_TOOL_CALL_ID_LENGTH;
  return messages.map((message) => {
    if (message.role === 'tool' && tooLong(message.tool_call_id)) {
      return { ...message, tool_call_id: shortenToolCallId(message.tool_call_id) };
    }
    if (message.role === 'assistant' && message.tool_calls?.some((call) => tooLong(call.id))) {
      return { ...message, tool_calls: message.tool_calls.map((call) => ({ ...call, id: shortenToolCallId(call.id) })) };
    }
    return message;
  });
}
