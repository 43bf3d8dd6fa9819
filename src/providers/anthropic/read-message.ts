/**
 * The common Anthropic `Message` read by hand: text, tool_use, thinking and redacted_thinking blocks
 * with well-typed fields, whole counts, a plain stop. Running the zod schema over every answer was
 * a few percent of a translated call. Anything else — a block of another type, a field of an
 * unexpected type, a count that is not a whole number — answers null, and the caller runs the schema
 * (anthropic-response-schema.ts), whose rules (unknown blocks kept as `other`, bad counts read as
 * null) decide. For what this reader accepts, both give the same result (read-message.test.ts).
 */
import type { AnthropicContentBlock, AnthropicMessageResponse } from './anthropic-response-schema.js';
import { isCount, isFields, isNullishString } from '../../core/json-fields.js';

const isNullishCount = (value: unknown): value is number | null | undefined =>
  value === undefined || value === null || isCount(value);

export function readAnthropicMessage(body: unknown): AnthropicMessageResponse | null {
  if (!isFields(body) || (body.type !== undefined && body.type !== 'message') || !Array.isArray(body.content)) return null;
  if (!isNullishString(body.id) || !isNullishString(body.model) || !isNullishString(body.stop_reason) || !isNullishString(body.stop_sequence)) return null;
  const content: AnthropicContentBlock[] = [];
  for (const block of body.content) {
    const read = readBlock(block);
    if (read === null) return null;
    content.push(read);
  }
  const stopDetails = body.stop_details;
  if (stopDetails !== undefined && stopDetails !== null && !(isFields(stopDetails) && isNullishString(stopDetails.explanation))) return null;
  if (!isPlainUsage(body.usage)) return null;
  // Every other field is already what the schema would give.
  return { ...body, content } as AnthropicMessageResponse;
}

export function readBlock(block: unknown): AnthropicContentBlock | null {
  if (!isFields(block)) return null;
  switch (block.type) {
    case 'text':
      return typeof block.text === 'string' ? { kind: 'text', text: block.text } : null;
    case 'tool_use':
      return typeof block.id === 'string' && typeof block.name === 'string' ? { kind: 'tool_use', id: block.id, name: block.name, input: block.input } : null;
    case 'thinking':
      return typeof block.thinking === 'string' && isNullishString(block.signature)
        ? { kind: 'thinking', thinking: block.thinking, signature: block.signature ?? null }
        : null;
    case 'redacted_thinking':
      return typeof block.data === 'string' ? { kind: 'redacted_thinking', data: block.data } : null;
    default:
      return null;
  }
}

/** Absent, null, or whole counts (each absent or null allowed) with plain details: the schema would read it as it is. */
export function isPlainUsage(usage: unknown): boolean {
  if (usage === undefined || usage === null) return true;
  if (!isFields(usage)) return false;
  if (!isNullishCount(usage.input_tokens) || !isNullishCount(usage.output_tokens)) return false;
  if (!isNullishCount(usage.cache_creation_input_tokens) || !isNullishCount(usage.cache_read_input_tokens)) return false;
  const details = usage.output_tokens_details;
  return details === undefined || details === null || (isFields(details) && isNullishCount(details.thinking_tokens));
}
