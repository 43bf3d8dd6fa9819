/**
 * A cheap upper-bound guess of a request's tokens (about 4 characters a token, plus the output
 * allowance), used only to reserve TPM and budget before the call; real usage settles it after.
 */
import type { ChatRequest } from '../core/chat-request.js';

const DEFAULT_OUTPUT_ALLOWANCE = 1024;

export function estimateTokens(request: ChatRequest): { prompt: number; output: number } {
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
  const output = request.max_completion_tokens ?? request.max_tokens ?? DEFAULT_OUTPUT_ALLOWANCE;
  return { prompt: Math.ceil(characters / 4) + 4 * request.messages.length, output };
}
