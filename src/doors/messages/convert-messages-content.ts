/**
 * Anthropic `messages` → canonical (OpenAI Chat Completions) messages
 * (https://docs.claude.com/en/api/messages; shared/protocols.md E.1 read backwards):
 * - `role: "system"` turns (Claude Code sends them mid-conversation) → system messages in place;
 * - user text/image/document blocks → content parts: base64 images → data URLs, URL images kept,
 *   base64 PDFs → `file` parts, plain-text and content documents → text (title and context first);
 * - `tool_result` blocks → `tool` messages, placed before the rest of their user turn (OpenAI wants
 *   them right after the assistant's tool calls). OpenAI tool messages hold text only, so images in a
 *   result follow in a user message introduced by one line naming the call; `is_error` prefixes
 *   the text with "Error: " (OpenAI has no error flag);
 * - assistant text → content, `tool_use` → `tool_calls` (input serialised as arguments), thinking →
 *   `reasoning_content`, and signed thinking / redacted thinking → `reasoning_details` in the Anthropic
 *   format, which the Anthropic adapter replays unchanged should the conversation go back to Claude.
 * What has no canonical form (file ids, PDF URLs, citations, server-tool blocks, unknown blocks) is
 * refused when translating, naming the block's path.
 */
import type { ChatMessage, UserContentPart } from '../../core/chat-request.js';
import type { ReasoningDetail } from '../../core/reasoning-details.js';
import { redactedThinkingDetail, thinkingDetail } from '../../providers/anthropic/convert-reasoning-details.js';
import type { ContentBlock, DocumentBlock, ImageBlock, MessageParam, TextBlock, ToolResultBlock } from './messages-request-schema.js';
import type { Refusals } from './translation-refusals.js';

type TextPart = { type: 'text'; text: string };

export function convertMessages(messages: readonly MessageParam[], refusals: Refusals): ChatMessage[] {
  const out: ChatMessage[] = [];
  messages.forEach((message, position) => {
    const path = `messages.${position}`;
    if (message.role === 'system') {
      const system = systemMessage(message.content);
      if (system !== null) out.push(system);
    } else if (message.role === 'user') {
      out.push(...convertUser(message.content, path, refusals));
    } else {
      out.push(convertAssistant(message.content, path, refusals));
    }
  });
  return out;
}

/** The top-level `system` or a system turn; null when it holds no text. */
export function systemMessage(content: string | readonly TextBlock[]): ChatMessage | null {
  if (typeof content === 'string') return { role: 'system', content };
  const parts = content.map((block): TextPart => ({ type: 'text', text: block.text }));
  return parts.length === 0 ? null : { role: 'system', content: parts };
}

function convertUser(content: string | readonly ContentBlock[], path: string, refusals: Refusals): ChatMessage[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  const tools: ChatMessage[] = [];
  const fromResults: UserContentPart[] = [];
  const parts: UserContentPart[] = [];
  content.forEach((block, index) => {
    const at = `${path}.content.${index}`;
    if (block.type === 'tool_result') {
      const result = convertToolResult(block, at, refusals);
      tools.push(result.message);
      fromResults.push(...result.media);
      return;
    }
    if (block.type === 'text') parts.push({ type: 'text', text: block.text });
    else if (block.type === 'image') pushDefined(parts, imagePart(block, at, refusals));
    else if (block.type === 'document') parts.push(...documentParts(block, at, refusals));
    else refusals.add(`${at}.type`, `A ${blockName(block)} block cannot be sent in a user turn to other providers.`);
  });
  const user = [...fromResults, ...parts];
  return user.length === 0 ? tools : [...tools, { role: 'user', content: user }];
}

function convertToolResult(block: ToolResultBlock, path: string, refusals: Refusals): { message: ChatMessage; media: UserContentPart[] } {
  const texts: string[] = [];
  const media: UserContentPart[] = [];
  if (typeof block.content === 'string') texts.push(block.content);
  else {
    (block.content ?? []).forEach((item, index) => {
      const at = `${path}.content.${index}`;
      if (item.type === 'text') texts.push(item.text);
      else if (item.type === 'image') pushDefined(media, imagePart(item, at, refusals));
      else if (item.type === 'document') media.push(...documentParts(item, at, refusals));
      else refusals.add(`${at}.type`, `A ${item.actualType} block in a tool result cannot be sent to other providers.`);
    });
  }
  const text = texts.join('\n');
  const content = block.is_error === true ? `Error: ${text}` : text;
  const message: ChatMessage = { role: 'tool', tool_call_id: block.tool_use_id, content };
  if (media.length === 0) return { message, media };
  return { message, media: [{ type: 'text', text: `The result of tool call ${block.tool_use_id} contains:` }, ...media] };
}

function imagePart(block: ImageBlock, path: string, refusals: Refusals): UserContentPart | undefined {
  const source = block.source;
  switch (source.type) {
    case 'base64':
      return { type: 'image_url', image_url: { url: `data:${source.media_type};base64,${source.data}` } };
    case 'url':
      return { type: 'image_url', image_url: { url: source.url } };
    case 'file':
      refusals.add(`${path}.source`, 'Images from the Anthropic Files API (file_id) exist only on Claude.');
      return undefined;
    case 'other':
      refusals.add(`${path}.source.type`, `The image source type "${source.actualType}" cannot be sent to other providers.`);
      return undefined;
  }
}

function documentParts(block: DocumentBlock, path: string, refusals: Refusals): UserContentPart[] {
  if (block.citations?.enabled === true) {
    refusals.add(`${path}.citations`, 'Citations are an Anthropic feature; other providers cannot cite documents.');
    return [];
  }
  const heading = [block.title, block.context].filter((line): line is string => typeof line === 'string' && line !== '');
  const intro: UserContentPart[] = heading.length === 0 ? [] : [{ type: 'text', text: heading.join('\n') }];
  const source = block.source;
  switch (source.type) {
    case 'base64':
      return [...intro, { type: 'file', file: { file_data: `data:application/pdf;base64,${source.data}`, filename: block.title ?? 'document.pdf' } }];
    case 'text':
      return [...intro, { type: 'text', text: source.data }];
    case 'content': {
      if (typeof source.content === 'string') return [...intro, { type: 'text', text: source.content }];
      const parts: UserContentPart[] = [...intro];
      source.content.forEach((item, index) => {
        const at = `${path}.source.content.${index}`;
        if (item.type === 'text') parts.push({ type: 'text', text: item.text });
        else if (item.type === 'image') pushDefined(parts, imagePart(item, at, refusals));
        else refusals.add(`${at}.type`, `A ${item.actualType} block in a document cannot be sent to other providers.`);
      });
      return parts;
    }
    case 'url':
      refusals.add(`${path}.source`, 'Other providers cannot fetch a PDF from a URL; send it as base64.');
      return [];
    case 'file':
      refusals.add(`${path}.source`, 'Documents from the Anthropic Files API (file_id) exist only on Claude.');
      return [];
    case 'other':
      refusals.add(`${path}.source.type`, `The document source type "${source.actualType}" cannot be sent to other providers.`);
      return [];
  }
}

function convertAssistant(content: string | readonly ContentBlock[], path: string, refusals: Refusals): ChatMessage {
  if (typeof content === 'string') return { role: 'assistant', content };
  const texts: TextPart[] = [];
  const thinking: string[] = [];
  const details: ReasoningDetail[] = [];
  const toolCalls: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }> = [];
  content.forEach((block, index) => {
    const at = `${path}.content.${index}`;
    switch (block.type) {
      case 'text':
        texts.push({ type: 'text', text: block.text });
        return;
      case 'tool_use':
        toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input) } });
        return;
      case 'thinking':
        if (block.thinking !== '') thinking.push(block.thinking);
        // Unsigned thinking (another provider's reasoning shown as thinking) cannot be replayed to Claude.
        if (block.signature !== '') details.push(thinkingDetail(block.thinking, block.signature, details.length));
        return;
      case 'redacted_thinking':
        details.push(redactedThinkingDetail(block.data, details.length));
        return;
      default:
        refusals.add(`${at}.type`, `A ${blockName(block)} block cannot be sent in an assistant turn to other providers.`);
    }
  });
  const message: ChatMessage = { role: 'assistant', content: assistantContent(texts, toolCalls.length > 0) };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (thinking.length > 0) message.reasoning_content = thinking.join('\n\n');
  if (details.length > 0) message.reasoning_details = details;
  return message;
}

/** One text block stays a string; several keep their boundaries as parts. OpenAI needs content unless there are tool calls. */
function assistantContent(texts: readonly TextPart[], hasToolCalls: boolean): string | TextPart[] | null {
  if (texts.length === 0) return hasToolCalls ? null : '';
  if (texts.length === 1) return texts[0]?.text ?? '';
  return [...texts];
}

function blockName(block: ContentBlock): string {
  return block.type === 'other' ? block.actualType : block.type;
}

function pushDefined<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}
