/** Folds OpenAI chunks into the answer a client accumulates from them (as the openai SDK's stream helper does). */
import type { ChatCompletionChunk, FinishReason } from '../../src/core/chat-response.js';
import type { ReasoningDetail } from '../../src/core/reasoning-details.js';
import type { Usage } from '../../src/core/usage.js';

export interface AssembledAnswer {
  content: string | null;
  refusal: string | null;
  reasoning: string;
  reasoningDetails: ReasoningDetail[];
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  finishReason: FinishReason | null;
  usage: Usage | null;
}

export function assembleStream(chunks: readonly ChatCompletionChunk[]): AssembledAnswer {
  const answer: AssembledAnswer = { content: null, refusal: null, reasoning: '', reasoningDetails: [], toolCalls: [], finishReason: null, usage: null };
  for (const chunk of chunks) {
    if (chunk.usage) answer.usage = chunk.usage;
    for (const choice of chunk.choices) {
      const { delta } = choice;
      if (typeof delta.content === 'string' && delta.content !== '') answer.content = (answer.content ?? '') + delta.content;
      if (typeof delta.refusal === 'string' && delta.refusal !== '') answer.refusal = (answer.refusal ?? '') + delta.refusal;
      answer.reasoning += delta.reasoning_content ?? '';
      answer.reasoningDetails.push(...(delta.reasoning_details ?? []));
      for (const call of delta.tool_calls ?? []) {
        const known = answer.toolCalls[call.index];
        if (known === undefined) answer.toolCalls[call.index] = { id: call.id ?? '', name: call.function?.name ?? '', arguments: call.function?.arguments ?? '' };
        else known.arguments += call.function?.arguments ?? '';
      }
      if (choice.finish_reason !== null) answer.finishReason = choice.finish_reason;
    }
  }
  return answer;
}
