/**
 * The compiled check for the Messages bodies most clients send — a model, `max_tokens`, text turns,
 * a text system prompt, a few sampling numbers, `stream` — that accepts them without running the
 * request schema (messages-request-schema.ts), about a twentieth of a native Messages call's CPU.
 * It only ever says yes to bodies the schema accepts unchanged, which a differential test checks on
 * generated bodies; anything else (tools, images, thinking, an unknown field, a value out of range)
 * goes through the schema as before, with its exact error.
 */
import { fieldsPass, inRange, isBoolean, isCount, optional, type FieldCheck } from '../../core/field-checks.js';
import { hasOwnProto as ownProto, isFields } from '../../core/json-fields.js';
import { isValidModelName } from '../../core/model-name.js';
import type { MessagesRequest } from './messages-request-schema.js';

/** `{type: 'text', text}`, with whatever else the block carries (cache_control, citations: loose in the schema). */
const isTextBlock = (block: unknown): boolean => isFields(block) && block.type === 'text' && typeof block.text === 'string' && !ownProto(block);

const isText = (value: unknown): boolean => typeof value === 'string' || (Array.isArray(value) && (value as unknown[]).every(isTextBlock));

const isMessage = (message: unknown): boolean => {
  if (!isFields(message) || ownProto(message)) return false;
  const role = message.role;
  return (role === 'user' || role === 'assistant' || role === 'system') && isText(message.content);
};

const FIELDS: Readonly<Record<string, FieldCheck>> = {
  model: (value) => typeof value === 'string' && isValidModelName(value),
  max_tokens: isCount,
  messages: (value) => Array.isArray(value) && value.length > 0 && (value as unknown[]).every(isMessage),
  system: optional(isText),
  stop_sequences: optional((value) => Array.isArray(value) && (value as unknown[]).every((item) => typeof item === 'string')),
  temperature: optional(inRange(0, 1)),
  top_p: optional(inRange(0, 1)),
  top_k: optional(isCount),
  metadata: optional((value) => isFields(value) && !ownProto(value) && (value.user_id === undefined || value.user_id === null || typeof value.user_id === 'string')),
  stream: optional(isBoolean),
};

const REQUIRED = ['model', 'max_tokens', 'messages'] as const;

export function isSimpleMessagesRequest(body: unknown): body is MessagesRequest {
  return fieldsPass(body, FIELDS) && REQUIRED.every((key) => body[key] !== undefined);
}
