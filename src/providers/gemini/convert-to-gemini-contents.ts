/**
 * OpenAI messages → Gemini `contents` + `systemInstruction` (protocols.md E.4 steps 2–6;
 * https://ai.google.dev/api/generate-content#request-body):
 * - system/developer messages are hoisted into `systemInstruction` (Gemma has none: prepended to the first user turn);
 * - tool messages become `functionResponse` parts in one user turn, named after the call they answer
 *   (OpenAI tool messages carry only `tool_call_id`), in the order of the calls, one per call —
 *   Gemini rejects a turn whose response count differs from the call count (protocols.md pitfall 5);
 * - consecutive turns of the same role are merged ("multiturn requests alternate between user and model");
 * - empty text is skipped (Gemini rejects empty text parts).
 */
import type { ChatMessage } from '../../core/chat-request.js';
import { invalidRequest } from '../../core/errors.js';
import { convertAssistantTurn } from './convert-assistant-turn.js';
import { convertToolResult } from './convert-tool-result.js';
import { convertUserContent } from './convert-user-content.js';
import type { GeminiModelTraits } from './describe-gemini-model.js';
import type { GeminiContent, GeminiPart, GeminiRequestBody } from './gemini-wire-types.js';

export type GeminiPrompt = Pick<GeminiRequestBody, 'contents' | 'systemInstruction'>;

interface PendingCalls {
  message: number;
  calls: { id: string; name: string }[];
  responses: Map<string, GeminiPart>;
}

export function convertToGeminiContents(messages: readonly ChatMessage[], model: GeminiModelTraits): GeminiPrompt {
  const system: string[] = [];
  const turns: GeminiContent[] = [];
  const madeCalls = new Set<string>();
  let pending: PendingCalls | null = null;

  const answerPendingCalls = (): void => {
    if (pending === null) return;
    const open = pending.calls.filter((call) => !pending?.responses.has(call.id));
    if (open.length > 0) {
      throw invalidRequest(
        `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. Missing responses for: ${open.map((call) => call.id).join(', ')}.`,
        `messages[${pending.message}].tool_calls`,
      );
    }
    const responses = pending.calls.map((call) => pending?.responses.get(call.id)).filter((part): part is GeminiPart => part !== undefined);
    turns.push({ role: 'user', parts: responses });
    pending = null;
  };

  messages.forEach((message, index) => {
    if (message.role !== 'tool') answerPendingCalls();
    switch (message.role) {
      case 'system':
      case 'developer': {
        const texts = typeof message.content === 'string' ? [message.content] : message.content.map((part) => part.text);
        system.push(...texts.filter((text) => text !== ''));
        return;
      }
      case 'user': {
        const parts = convertUserContent(message.content, `messages[${index}].content`);
        if (parts.length > 0) turns.push({ role: 'user', parts });
        return;
      }
      case 'assistant': {
        const turn = convertAssistantTurn(message, `messages[${index}]`, model);
        if (turn.parts.length > 0) turns.push({ role: 'model', parts: turn.parts });
        if (turn.calls.length > 0) pending = { message: index, calls: turn.calls, responses: new Map() };
        for (const call of turn.calls) madeCalls.add(call.id);
        return;
      }
      case 'tool': {
        const id = message.tool_call_id;
        const call = pending?.calls.find((candidate) => candidate.id === id);
        if (pending === null || call === undefined) {
          throw invalidRequest(
            madeCalls.has(id)
              ? `The tool message for \`${id}\` must directly follow the assistant message that made that call (after its other tool results).`
              : `No earlier assistant message made a tool call with id \`${id}\`.`,
            `messages[${index}].tool_call_id`,
          );
        }
        if (pending.responses.has(id)) throw invalidRequest(`The tool call \`${id}\` is answered twice.`, `messages[${index}].tool_call_id`);
        pending.responses.set(id, { functionResponse: { name: call.name, response: convertToolResult(message.content) } });
        return;
      }
      case 'function':
        turns.push({ role: 'user', parts: [{ functionResponse: { name: message.name, response: convertToolResult(message.content) } }] });
        return;
    }
  });
  answerPendingCalls();
  return withSystem(mergeConsecutiveTurns(turns), system, model);
}

function mergeConsecutiveTurns(turns: GeminiContent[]): GeminiContent[] {
  const merged: GeminiContent[] = [];
  for (const turn of turns) {
    const previous = merged.at(-1);
    if (previous !== undefined && previous.role === turn.role) previous.parts = [...previous.parts, ...turn.parts];
    else merged.push({ role: turn.role, parts: [...turn.parts] });
  }
  return merged;
}

function withSystem(contents: GeminiContent[], system: string[], model: GeminiModelTraits): GeminiPrompt {
  if (contents.length === 0) {
    // Gemini needs at least one content; a system-only request is answered as if the text were the prompt.
    if (system.length === 0) throw invalidRequest('The messages contain no text, media or tool results to send.', 'messages');
    return { contents: [{ role: 'user', parts: system.map((text) => ({ text })) }] };
  }
  if (system.length === 0) return { contents };
  if (model.systemInstruction) return { contents, systemInstruction: { parts: system.map((text) => ({ text })) } };
  const first = contents[0];
  const preamble: GeminiPart = { text: system.join('\n\n') };
  if (first?.role === 'user') return { contents: [{ role: 'user', parts: [preamble, ...first.parts] }, ...contents.slice(1)] };
  return { contents: [{ role: 'user', parts: [preamble] }, ...contents] };
}
