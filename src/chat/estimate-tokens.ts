/**
 * A cheap guess of a request's prompt tokens (about 4 characters a token) and the output bound it
 * sets itself, used only to reserve TPM and budget before the call; real usage settles it after.
 * A request without max_tokens gets its output allowance from output-allowance.ts instead.
 */
import type { ChatRequest } from '../core/chat-request.js';

export interface TokenEstimate {
  prompt: number;
  /** max_completion_tokens, else max_tokens; null when the request sets neither. */
  maxOutput: number | null;
}

export function estimateTokens(request: ChatRequest): TokenEstimate {
  let characters = 0;
  for (const message of request.messages) {
    const content = message.content;
    if (typeof content === 'string') characters += content.length;
    else if (Array.isArray(content)) {
      for (const part of content) {
        if (part.type === 'text') characters += part.text.length;
        else characters += 1000; // an image or file: a flat allowance, not its byte size
      }
    }
    if (message.role === 'assistant' && message.tool_calls) {
      for (const call of message.tool_calls) characters += call.function.arguments.length + call.function.name.length;
    }
  }
  if (request.tools) characters += JSON.stringify(request.tools).length;
  const maxOutput = request.max_completion_tokens ?? request.max_tokens ?? null;
  return { prompt: Math.ceil(characters / 4) + 4 * request.messages.length, maxOutput };
}
