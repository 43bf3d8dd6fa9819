/**
 * Input items and content parts of the plain shape most Responses calls carry — text messages —
 * recognised by hand, so converting them needs no schema: the zod checks of each item and each of
 * its parts (item-schemas.ts, convert-content.ts) were a tenth of a Responses call's CPU. Each check
 * says yes exactly when its schema would accept the value (the schemas are loose objects and the
 * conversion reads only these fields); anything else goes through the schema as before, with its
 * exact error.
 */
import { hasOwnProto, isFields } from '../../core/json-fields.js';
import type { MessageInputItem } from './item-schemas.js';

const ROLES = new Set(['user', 'assistant', 'system', 'developer']);

/** `{type: 'input_text' | 'output_text', text}` (convert-content.ts `textLike`). */
export function isBareTextPart(part: unknown): part is { type: 'input_text' | 'output_text'; text: string } {
  return isFields(part) && (part.type === 'input_text' || part.type === 'output_text') && typeof part.text === 'string';
}

/** A message item as `messageItemSchema` accepts it: content a string or a non-empty list of typed parts. */
export function isMessageItem(item: unknown): item is MessageInputItem {
  if (!isFields(item) || hasOwnProto(item) || (item.type !== undefined && item.type !== 'message')) return false;
  if (typeof item.role !== 'string' || !ROLES.has(item.role)) return false;
  const content = item.content;
  if (typeof content === 'string') return true;
  if (!Array.isArray(content) || content.length === 0) return false;
  for (const part of content as unknown[]) if (!isFields(part) || typeof part.type !== 'string') return false;
  return true;
}
