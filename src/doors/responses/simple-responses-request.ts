/**
 * The compiled check for the Responses bodies most clients send — a model, instructions, input, a
 * few sampling numbers, `store`, `stream` — that accepts them without running the request schema
 * (request-schema.ts), about 5 µs of zod a call. It only ever says yes to bodies the schema accepts
 * unchanged, which a differential test checks on generated bodies; anything else (tools, reasoning,
 * text formats, an unknown field, a value out of range) goes through the schema as before, with its
 * exact error. `input` items are checked one by one while translating, as with the schema.
 */
import { fieldsPass, inRange, isBoolean, isPositiveInteger, isString, nullable, type FieldCheck } from '../../core/field-checks.js';
import { hasOwnProto, isFields } from '../../core/json-fields.js';
import { isValidModelName } from '../../core/model-name.js';
import type { ResponsesBody } from './request-schema.js';

const isInput: FieldCheck = (value) => {
  if (typeof value === 'string') return true;
  if (!Array.isArray(value)) return false;
  for (const item of value as unknown[]) if (!isFields(item) || hasOwnProto(item)) return false;
  return true;
};

const isStringList: FieldCheck = (value) => Array.isArray(value) && (value as unknown[]).every((item) => typeof item === 'string');

const isMetadata: FieldCheck = (value) => {
  if (!isFields(value)) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const entry = value[key];
    if (key.length > 64 || typeof entry !== 'string' || entry.length > 512) return false;
  }
  return true;
};

/** The schema's rule for each field this check knows; a field not listed sends the body to the schema. */
const FIELDS: Readonly<Record<string, FieldCheck>> = {
  model: (value) => typeof value === 'string' && isValidModelName(value),
  input: isInput,
  instructions: nullable(isString),
  max_output_tokens: nullable(isPositiveInteger),
  temperature: nullable(inRange(0, 2)),
  top_p: nullable(inRange(0, 1)),
  parallel_tool_calls: nullable(isBoolean),
  metadata: nullable(isMetadata),
  user: isString,
  safety_identifier: isString,
  prompt_cache_key: isString,
  service_tier: nullable(isString),
  store: nullable(isBoolean),
  stream: nullable(isBoolean),
  include: nullable(isStringList),
  truncation: nullable((value) => value === 'auto' || value === 'disabled'),
};

export function isSimpleResponsesRequest(body: unknown): body is ResponsesBody {
  return fieldsPass(body, FIELDS);
}
