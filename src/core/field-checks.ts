/**
 * The pieces the compiled request checks are made of (simple-chat-request.ts, and the Messages and
 * Responses doors' own): a rule per known field, and one loop that says yes only when every own
 * field of the body is known and passes its rule. An unknown field — any field without a rule —
 * is a no, and the body goes to its schema.
 */
import { isCount, isFields, type Fields } from './json-fields.js';

export { isCount };

/** A field's rule; `body` is the whole body, for rules that depend on another field. */
export type FieldCheck = (value: unknown, body: Fields) => boolean;

export const isString: FieldCheck = (value) => typeof value === 'string';
export const isBoolean: FieldCheck = (value) => typeof value === 'boolean';
export const isPositiveInteger: FieldCheck = (value) => typeof value === 'number' && Number.isInteger(value) && value >= 1;
export const inRange =
  (min: number, max: number): FieldCheck =>
  (value) =>
    typeof value === 'number' && value >= min && value <= max;

/** The rule, or null as well (a `.nullish()` field's JSON). */
export const nullable =
  (check: FieldCheck): FieldCheck =>
  (value, body) =>
    value === null || check(value, body);

/** The rule, or absent (an `.optional()` field whose key is there with no value cannot come from JSON, but may from code). */
export const optional =
  (check: FieldCheck): FieldCheck =>
  (value, body) =>
    value === undefined || check(value, body);

/** Every own field of `body` has a rule in `checks` and passes it. */
export function fieldsPass(body: unknown, checks: Readonly<Record<string, FieldCheck>>): body is Fields {
  if (!isFields(body)) return false;
  for (const key in body) {
    if (!Object.hasOwn(body, key)) continue;
    const check = Object.hasOwn(checks, key) ? checks[key] : undefined;
    if (check === undefined || !check(body[key], body)) return false;
  }
  return true;
}
