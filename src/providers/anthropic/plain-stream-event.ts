/**
 * Anthropic stream events of the plain shape read by hand: every event of a common stream — the
 * message start and its usage, block starts of the known block types, text, tool-input and
 * thinking deltas, block stops, the message delta with its stop and usage, pings and the stop. The
 * schema ran over each (zod was 9 % of a translated stream's CPU). Anything else — other deltas,
 * unknown blocks, a field of an unexpected type, a count that is not whole — answers null, and the
 * converter runs the schema (anthropic-response-schema.ts), whose rules decide. For what this
 * reader accepts, both give the same event (plain-stream-event.test.ts).
 */
import { isCount as isIndex, isFields, isNullishString } from '../../core/json-fields.js';
import type { AnthropicStreamEvent } from './anthropic-response-schema.js';
import { isPlainUsage, readBlock } from './read-message.js';

export function plainStreamEvent(json: unknown): AnthropicStreamEvent | null {
  if (!isFields(json)) return null;
  switch (json.type) {
    case 'content_block_delta':
      return plainDelta(json);
    case 'content_block_stop':
      return isIndex(json.index) ? { type: 'content_block_stop', index: json.index } : null;
    case 'ping':
    case 'message_stop':
      return { type: json.type };
    case 'content_block_start': {
      const block = readBlock(json.content_block);
      return block !== null && isIndex(json.index) ? { ...json, type: 'content_block_start', index: json.index, content_block: block } : null;
    }
    case 'message_start': {
      const message = json.message;
      if (!isFields(message) || !isNullishString(message.id) || !isNullishString(message.model) || !isPlainUsage(message.usage)) return null;
      // Every field is already what the schema would give.
      return json as AnthropicStreamEvent;
    }
    case 'message_delta': {
      const delta = json.delta;
      if (!isFields(delta) || !isNullishString(delta.stop_reason) || !isPlainUsage(json.usage)) return null;
      const details = delta.stop_details;
      if (details !== undefined && details !== null && !(isFields(details) && isNullishString(details.explanation))) return null;
      return json as AnthropicStreamEvent;
    }
    default:
      return null;
  }
}

function plainDelta(json: Record<string, unknown>): AnthropicStreamEvent | null {
  const { index, delta } = json;
  if (!isIndex(index) || !isFields(delta)) return null;
  if (delta.type === 'text_delta' && typeof delta.text === 'string') return { type: 'content_block_delta', index, delta: { kind: 'text', text: delta.text } };
  if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string') return { type: 'content_block_delta', index, delta: { kind: 'input_json', json: delta.partial_json } };
  if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string') return { type: 'content_block_delta', index, delta: { kind: 'thinking', thinking: delta.thinking } };
  return null;
}
