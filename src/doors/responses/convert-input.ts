/**
 * `instructions` + `input` → canonical messages. Responses history is a flat list of items; Chat
 * Completions groups one assistant turn into one message, so consecutive assistant-side items
 * (reasoning, assistant messages, function calls) become one assistant message, and each
 * `function_call_output` a tool message. Mapping:
 * - `instructions` and system/developer messages → system messages (the providers reached by
 *   translation have no developer role; OpenAI itself is reached natively);
 * - a reasoning item carries signed reasoning back as `reasoning_details` when it is one of ours
 *   (reasoning-carrier.ts) and its summary as `reasoning_content` (what DeepSeek replays in tool loops);
 *   OpenAI's own encrypted reasoning is dropped: no other provider can read it;
 * - function calls of a namespace tool are flattened as the tools are (namespace-tool-names.ts);
 * - images or files in a function_call_output follow in a user message, since Chat Completions
 *   tool messages carry text only;
 * - `item_reference` is refused: nothing is stored, so there is nothing to refer to;
 * - `web_search_call` items are dropped (the search results are already in the assistant's text);
 *   any other item type is a loss (refused when translating).
 */
import { z } from 'zod';
import type { ChatMessage, TextPart, ToolCall, UserContentPart } from '../../core/chat-request.js';
import { unsupportedParameter, type GatewayError } from '../../core/errors.js';
import type { ReasoningDetail } from '../../core/reasoning-details.js';
import { convertAssistantContent, convertMediaPart, convertSystemContent, convertUserContent } from './convert-content.js';
import { parseAt } from './describe-issue.js';
import { functionCallItemSchema, functionCallOutputItemSchema, messageItemSchema, reasoningItemSchema } from './item-schemas.js';
import { flattenToolName } from './namespace-tool-names.js';
import { isMessageItem } from './plain-input.js';
import { decodeReasoningCarrier, isReasoningCarrier } from './reasoning-carrier.js';
import type { ResponsesBody } from './request-schema.js';

const typedItem = z.looseObject({ type: z.string().optional(), role: z.string().optional() });

interface AssistantTurn {
  texts: string[];
  refusal: string | null;
  toolCalls: ToolCall[];
  reasoning: string[];
  details: ReasoningDetail[];
}

const emptyTurn = (): AssistantTurn => ({ texts: [], refusal: null, toolCalls: [], reasoning: [], details: [] });

export function convertInput(body: ResponsesBody, losses: GatewayError[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (body.instructions) messages.push({ role: 'system', content: body.instructions });
  const input = body.input ?? [];
  if (typeof input === 'string') {
    messages.push({ role: 'user', content: input });
    return messages;
  }
  let turn = emptyTurn();
  /** Images and files returned by the tool calls just answered, sent after the tool messages. */
  let toolMedia: UserContentPart[] = [];
  const flushTurn = () => {
    const message = assistantMessage(turn);
    if (message !== null) messages.push(message);
    turn = emptyTurn();
  };
  const flushToolMedia = () => {
    if (toolMedia.length > 0) messages.push({ role: 'user', content: [{ type: 'text', text: 'The tool calls above returned these files:' }, ...toolMedia] });
    toolMedia = [];
  };

  input.forEach((raw, index) => {
    const path = ['input', index];
    // Messages, the common item, are recognised without a schema (plain-input.ts).
    const plain = isMessageItem(raw) ? raw : null;
    const item = plain ?? parseAt(typedItem, raw, path);
    const type = plain === null ? (item.type ?? (item.role === undefined ? undefined : 'message')) : 'message';
    if (type !== 'function_call_output') flushToolMedia();
    switch (type) {
      case 'message': {
        const message = plain ?? parseAt(messageItemSchema, raw, path);
        if (message.role === 'assistant') {
          const content = convertAssistantContent(message.content, [...path, 'content']);
          turn.texts.push(...content.texts);
          if (content.refusal !== null) turn.refusal = (turn.refusal ?? '') + content.refusal;
          return;
        }
        flushTurn();
        if (message.role === 'user') messages.push({ role: 'user', content: convertUserContent(message.content, [...path, 'content'], losses) });
        else messages.push({ role: 'system', content: convertSystemContent(message.content, [...path, 'content'], losses) });
        return;
      }
      case 'function_call': {
        const call = parseAt(functionCallItemSchema, raw, path);
        const name = call.namespace ? flattenToolName(call.namespace, call.name) : call.name;
        turn.toolCalls.push({ id: call.call_id, type: 'function', function: { name, arguments: call.arguments } });
        return;
      }
      case 'reasoning': {
        const reasoning = parseAt(reasoningItemSchema, raw, path);
        const summary = (reasoning.summary ?? []).map((part) => part.text).join('');
        if (summary !== '') turn.reasoning.push(summary);
        if (isReasoningCarrier(reasoning.encrypted_content)) {
          const details = decodeReasoningCarrier(reasoning.encrypted_content);
          if (details === null) throw unsupportedParameter(`input[${index}].encrypted_content`, 'This reasoning item was altered: its encrypted_content does not decode.');
          turn.details.push(...details);
        }
        return;
      }
      case 'function_call_output': {
        flushTurn();
        const output = parseAt(functionCallOutputItemSchema, raw, path);
        const { content, media } = toolOutput(output.output, [...path, 'output'], losses);
        messages.push({ role: 'tool', tool_call_id: output.call_id, content });
        toolMedia.push(...media);
        return;
      }
      case 'item_reference':
        throw unsupportedParameter(
          `input[${index}]`,
          'Switchyard is stateless and stores no responses or items, so item_reference cannot be resolved. Send the full item instead.',
        );
      case 'web_search_call':
        return;
      default:
        losses.push(unsupportedParameter(`input[${index}]`, `Input items of type \`${type ?? 'unknown'}\` cannot be translated for this model's provider.`));
    }
  });
  flushToolMedia();
  flushTurn();
  return messages;
}

function assistantMessage(turn: AssistantTurn): ChatMessage | null {
  const hasText = turn.texts.length > 0;
  if (!hasText && turn.refusal === null && turn.toolCalls.length === 0) return null; // reasoning alone answers nothing
  const content: string | TextPart[] | null = !hasText ? null : turn.texts.length === 1 ? (turn.texts[0] ?? '') : turn.texts.map((text) => ({ type: 'text' as const, text }));
  return {
    role: 'assistant',
    content,
    ...(turn.refusal !== null ? { refusal: turn.refusal } : {}),
    ...(turn.toolCalls.length > 0 ? { tool_calls: turn.toolCalls } : {}),
    ...(turn.reasoning.length > 0 ? { reasoning_content: turn.reasoning.join('\n\n') } : {}),
    ...(turn.details.length > 0 ? { reasoning_details: turn.details } : {}),
  };
}

/** A function_call_output: its text for the tool message, its images and files for a user message. */
function toolOutput(output: string | readonly unknown[], path: ReadonlyArray<PropertyKey>, losses: GatewayError[]): { content: string | TextPart[]; media: UserContentPart[] } {
  if (typeof output === 'string') return { content: output, media: [] };
  const texts: TextPart[] = [];
  const media: UserContentPart[] = [];
  output.forEach((raw, index) => {
    const part = convertMediaPart(raw, [...path, index], losses);
    if (part === null) return;
    if (part.type === 'text') texts.push(part);
    else media.push(part);
  });
  if (texts.length > 0) return { content: texts, media };
  return { content: media.length > 0 ? '(the output is in the files that follow)' : '', media };
}
