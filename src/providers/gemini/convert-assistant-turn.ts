/**
 * An OpenAI assistant message → a Gemini `model` turn (protocols.md E.4 step 4): text, then one
 * functionCall part per tool call, with thought signatures restored from `reasoning_details`
 * (thought-signatures.ts), else from the tool-call id that carries one (thought-signature-id.ts) —
 * what is left when a client replays only `content` and `tool_calls`. Reasoning text is not
 * replayed: Gemini needs only the signatures (https://ai.google.dev/gemini-api/docs/thought-signatures).
 */
import { z } from 'zod';
import type { AssistantMessage } from '../../core/chat-request.js';
import { invalidRequest } from '../../core/errors.js';
import type { GeminiModelTraits } from './describe-gemini-model.js';
import type { GeminiPart } from './gemini-wire-types.js';
import { thoughtSignatureFromId } from './thought-signature-id.js';
import { readSignatures, SKIP_THOUGHT_SIGNATURE_VALIDATOR } from './thought-signatures.js';

const legacyFunctionCall = z.looseObject({ name: z.string(), arguments: z.string().optional() });

export interface ConvertedAssistantTurn {
  parts: GeminiPart[];
  /** The tool calls made in this turn, in order: the next tool messages must answer each. */
  calls: { id: string; name: string }[];
}

/** `param` names the message (`messages[3]`). */
export function convertAssistantTurn(message: AssistantMessage, param: string, model: GeminiModelTraits): ConvertedAssistantTurn {
  const signatures = readSignatures(message.reasoning_details);
  const parts: GeminiPart[] = [];
  const text = textOf(message);
  if (text !== '') {
    const part: GeminiPart = { text };
    const signature = signatures.unbound.at(-1);
    if (signature !== undefined) part.thoughtSignature = signature;
    parts.push(part);
  }

  const calls: ConvertedAssistantTurn['calls'] = [];
  (message.tool_calls ?? []).forEach((call, index) => {
    const args = parseArguments(call.function.arguments, `${param}.tool_calls[${index}].function.arguments`);
    const part: GeminiPart = { functionCall: { name: call.function.name, args } };
    const signature = signatures.byToolCallId.get(call.id) ?? thoughtSignatureFromId(call.id);
    if (signature !== undefined) part.thoughtSignature = signature;
    // No signature anywhere. Gemini 3 validates the first call of each turn (only it carries the
    // signature of a parallel batch), so that one gets the sentinel as a last resort.
    else if (index === 0 && model.requiresThoughtSignatures) part.thoughtSignature = SKIP_THOUGHT_SIGNATURE_VALIDATOR;
    parts.push(part);
    calls.push({ id: call.id, name: call.function.name });
  });

  const legacy = legacyFunctionCall.safeParse(message.function_call);
  if (legacy.success) {
    const args = parseArguments(legacy.data.arguments ?? '', `${param}.function_call.arguments`);
    const part: GeminiPart = { functionCall: { name: legacy.data.name, args } };
    if (model.requiresThoughtSignatures && calls.length === 0) part.thoughtSignature = SKIP_THOUGHT_SIGNATURE_VALIDATOR;
    parts.push(part);
  }
  return { parts, calls };
}

function textOf(message: AssistantMessage): string {
  const content = message.content;
  const text =
    content === null || content === undefined
      ? ''
      : typeof content === 'string'
        ? content
        : content.map((part) => (part.type === 'text' ? part.text : part.refusal)).join('');
  return text !== '' ? text : (message.refusal ?? '');
}

/** Gemini wants `args` as an object; OpenAI carries a JSON string. */
function parseArguments(raw: string, param: string): Record<string, unknown> {
  if (raw.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidRequest('Tool call arguments must be a JSON object; these are not valid JSON.', param);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest('Tool call arguments must be a JSON object.', param);
  }
  return { ...value };
}
