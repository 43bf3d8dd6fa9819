/**
 * The compiled check for the requests most clients send — a model, plain-text messages (a string or
 * bare text parts), a few sampling numbers, `stream` — that accepts them without running the full schema: in a running
 * gateway the zod parse cost about a tenth of a proxied call's CPU. It only ever says yes to bodies
 * the schema (chat-request.ts) accepts unchanged, which a differential test checks on thousands of
 * generated bodies; anything else (tools, images, an unknown field, a value out of range) goes
 * through the schema as before, with its exact error.
 */
import type { ChatRequest } from './chat-request.js';
import { fieldsPass, inRange, isPositiveInteger, nullable, type FieldCheck } from './field-checks.js';
import { isValidModelName } from './model-name.js';

const ROLES = new Set(['system', 'developer', 'user', 'assistant']);
const MESSAGE_KEYS = new Set(['role', 'content', 'name']);

const nullableRange = (min: number, max: number): FieldCheck => nullable(inRange(min, max));
const positiveInteger: FieldCheck = nullable(isPositiveInteger);

const FIELDS: Readonly<Record<string, FieldCheck>> = {
  model: (value) => typeof value === 'string' && isValidModelName(value),
  messages: (value) => Array.isArray(value) && value.length > 0 && value.every(isPlainMessage),
  stream: (value) => value === null || typeof value === 'boolean',
  // Only allowed when streaming (the schema's own rule).
  stream_options: (value, body) => value === null || (body.stream === true && isIncludeUsage(value)),
  temperature: nullableRange(0, 2),
  top_p: nullableRange(0, 1),
  presence_penalty: nullableRange(-2, 2),
  frequency_penalty: nullableRange(-2, 2),
  max_tokens: positiveInteger,
  max_completion_tokens: positiveInteger,
  user: (value) => typeof value === 'string',
};

export function isSimpleChatRequest(body: unknown): body is ChatRequest {
  return fieldsPass(body, FIELDS) && body.messages !== undefined;
}

function isPlainMessage(message: unknown): boolean {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return false;
  const fields = message as Record<string, unknown>;
  for (const key in fields) if (Object.hasOwn(fields, key) && !MESSAGE_KEYS.has(key)) return false;
  return typeof fields.role === 'string' && ROLES.has(fields.role) && isPlainContent(fields.content) && (fields.name === undefined || typeof fields.name === 'string');
}

/** A string, or a non-empty list of bare text parts (`{type: 'text', text}`: how the Responses door and many SDKs write text). */
function isPlainContent(content: unknown): boolean {
  if (typeof content === 'string') return true;
  if (!Array.isArray(content) || content.length === 0) return false;
  for (const part of content) {
    if (typeof part !== 'object' || part === null || Array.isArray(part)) return false;
    const fields = part as Record<string, unknown>;
    for (const key in fields) if (Object.hasOwn(fields, key) && key !== 'type' && key !== 'text') return false;
    if (fields.type !== 'text' || typeof fields.text !== 'string') return false;
  }
  return true;
}

function isIncludeUsage(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const fields = value as Record<string, unknown>;
  for (const key in fields) if (Object.hasOwn(fields, key) && key !== 'include_usage') return false;
  return fields.include_usage === undefined || typeof fields.include_usage === 'boolean';
}
