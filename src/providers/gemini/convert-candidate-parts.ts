/**
 * The parts of one Gemini candidate (a whole answer, or one stream chunk of it) → OpenAI pieces:
 * visible text, thought-summary text (`thought: true` parts → `reasoning_content`), tool calls
 * (a functionCall always arrives whole; the Developer API leaves `functionCall.id` empty, so ids are
 * synthesised) and thought signatures as `reasoning_details` (thought-signatures.ts). A signature on
 * a functionCall part also rides in that call's id (thought-signature-id.ts), for clients that drop
 * `reasoning_details` when they replay history.
 * https://ai.google.dev/api/caching#Part, https://ai.google.dev/gemini-api/docs/thought-signatures
 */
import type { ToolCall } from '../../core/chat-request.js';
import type { ReasoningDetail } from '../../core/reasoning-details.js';
import { embedThoughtSignature } from './thought-signature-id.js';
import { signatureDetail } from './thought-signatures.js';
import type { GeminiResponsePart } from './upstream-schema.js';

/** Running counts for one candidate, so indexes keep increasing across stream chunks. */
export interface PartCounters {
  toolCalls: number;
  details: number;
}

export interface ConvertedParts {
  text: string;
  reasoning: string;
  toolCalls: ToolCall[];
  reasoningDetails: ReasoningDetail[];
}

export function convertCandidateParts(parts: readonly GeminiResponsePart[], counters: PartCounters, newId: (prefix: string) => string): ConvertedParts {
  const out: ConvertedParts = { text: '', reasoning: '', toolCalls: [], reasoningDetails: [] };
  for (const part of parts) {
    const signature = part.thoughtSignature ?? undefined;
    if (part.functionCall) {
      const baseId = part.functionCall.id || newId('call');
      const id = signature ? embedThoughtSignature(baseId, signature) : baseId;
      out.toolCalls.push({ id, type: 'function', function: { name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) } });
      counters.toolCalls++;
      if (signature) out.reasoningDetails.push(signatureDetail(signature, counters.details++, id));
      continue;
    }
    if (part.thought === true) out.reasoning += part.text ?? '';
    else out.text += part.text ?? '';
    // Parts we do not surface (inline images, executable code) may still carry a signature worth keeping.
    if (signature) out.reasoningDetails.push(signatureDetail(signature, counters.details++));
  }
  return out;
}
