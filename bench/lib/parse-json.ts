/** JSON reads for answer checks: never throw, never cast. */
import { isObject } from '../fake/json-fields.js';

export function parseJson(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    return undefined;
  }
}

/** `value[key][0]`, when that is a list. */
export function firstOf(value: unknown, key: string): unknown {
  if (!isObject(value)) return undefined;
  const list = value[key];
  return Array.isArray(list) ? list[0] : undefined;
}
