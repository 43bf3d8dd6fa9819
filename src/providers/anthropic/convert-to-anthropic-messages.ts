/**
 * OpenAI `messages` → Anthropic `system` + `messages` (protocols.md E.1 steps 1–5;
 * https://docs.claude.com/en/api/messages):
 * - every system/developer message, wherever it appears, joins the top-level `system`;
 * - assistant turns: thinking rebuilt from `reasoning_details` first, then text, then tool_use;
 * - tool messages become `tool_result` blocks of a user turn, placed before any text there
 *   (Anthropic 400s otherwise: "Messages following tool_use blocks must begin with … tool_result");
 *   tool-call ids outside Anthropic's charset are mapped on both sides (map-tool-use-id.ts);
 * - consecutive same-role turns are merged, empty/whitespace text is dropped (Anthropic rejects it)
 *   and the trailing whitespace of a final assistant prefill is trimmed (also rejected).
 */
import type { AssistantMessage, ChatMessage } from '../../core/chat-request.js';
import { invalidRequest, unsupportedParameter } from '../../core/errors.js';
import type {
  AnthropicAssistantBlock,
  AnthropicMessage,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
  AnthropicUserBlock,
} from './anthropic-request-types.js';
import { toThinkingBlocks } from './convert-reasoning-details.js';
import { convertUserContent, textBlock } from './convert-user-content.js';
import { mapToolUseId } from './map-tool-use-id.js';

export interface AnthropicPrompt {
  system: AnthropicTextBlock[];
  messages: AnthropicMessage[];
}

export function convertToAnthropicMessages(messages: readonly ChatMessage[]): AnthropicPrompt {
  const system: AnthropicTextBlock[] = [];
  const turns: AnthropicMessage[] = [];

  const pushUser = (blocks: AnthropicUserBlock[]) => {
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last?.role === 'user') last.content.push(...blocks);
    else turns.push({ role: 'user', content: blocks });
  };
  const pushAssistant = (blocks: AnthropicAssistantBlock[]) => {
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last?.role === 'assistant') last.content.push(...blocks);
    else turns.push({ role: 'assistant', content: blocks });
  };

  messages.forEach((message, position) => {
    const path = `messages[${position}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...textBlocks(message.content));
        return;
      case 'user':
        pushUser(convertUserContent(message.content, `${path}.content`));
        return;
      case 'assistant':
        pushAssistant(convertAssistant(message, path));
        return;
      case 'tool':
        pushUser([toolResult(message.tool_call_id, message.content)]);
        return;
      case 'function':
        throw unsupportedParameter(
          `${path}.role`,
          'Legacy function messages are not supported for Anthropic models; use tool_calls and tool messages.',
        );
    }
  });

  for (const turn of turns) {
    if (turn.role === 'user') turn.content = toolResultsFirst(turn.content);
  }
  trimFinalPrefill(turns);
  return { system, messages: turns };
}

function textBlocks(content: string | ReadonlyArray<{ text: string }>): AnthropicTextBlock[] {
  const texts = typeof content === 'string' ? [content] : content.map((part) => part.text);
  return texts.map(textBlock).filter((block): block is AnthropicTextBlock => block !== null);
}

function convertAssistant(message: AssistantMessage, path: string): AnthropicAssistantBlock[] {
  const blocks: AnthropicAssistantBlock[] = [...toThinkingBlocks(message.reasoning_details)];
  const content = message.content;
  if (typeof content === 'string') {
    const block = textBlock(content);
    if (block !== null) blocks.push(block);
  } else if (Array.isArray(content)) {
    for (const part of content) {
      const block = textBlock(part.type === 'text' ? part.text : part.refusal);
      if (block !== null) blocks.push(block);
    }
  }
  if ((content === null || content === undefined) && typeof message.refusal === 'string') {
    const block = textBlock(message.refusal);
    if (block !== null) blocks.push(block);
  }
  (message.tool_calls ?? []).forEach((call, position) => {
    blocks.push({
      type: 'tool_use',
      id: mapToolUseId(call.id),
      name: call.function.name,
      input: parseToolInput(call.function.arguments, `${path}.tool_calls[${position}].function.arguments`),
    });
  });
  return blocks;
}

/** Anthropic wants `input` as a JSON object; `""` (no-argument calls) becomes `{}`. */
function parseToolInput(text: string, path: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidRequest('Tool call arguments must be a JSON object; this string is not valid JSON.', path);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidRequest('Tool call arguments must be a JSON object.', path);
  }
  return Object.fromEntries(Object.entries(parsed));
}

function toolResult(toolCallId: string, content: string | ReadonlyArray<{ text: string }>): AnthropicToolResultBlock {
  const block: AnthropicToolResultBlock = { type: 'tool_result', tool_use_id: mapToolUseId(toolCallId) };
  if (typeof content === 'string') {
    if (content.trim() !== '') block.content = content;
  } else {
    const texts = textBlocks(content);
    if (texts.length > 0) block.content = texts;
  }
  return block;
}

function toolResultsFirst(blocks: AnthropicUserBlock[]): AnthropicUserBlock[] {
  const results = blocks.filter((block) => block.type === 'tool_result');
  if (results.length === 0) return blocks;
  return [...results, ...blocks.filter((block) => block.type !== 'tool_result')];
}

function trimFinalPrefill(turns: AnthropicMessage[]): void {
  const last = turns.at(-1);
  if (last?.role !== 'assistant') return;
  const block = last.content.at(-1);
  if (block?.type !== 'text') return;
  const trimmed = block.text.trimEnd();
  if (trimmed === '') last.content.pop();
  else block.text = trimmed;
  if (last.content.length === 0) turns.pop();
}
