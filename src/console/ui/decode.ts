/**
 * Checks JSON from the admin API before the console uses it: a field of the wrong type is a clear
 * error ("key.rpm should be a number or null") rather than `undefined` rendered somewhere.
 */
export type Fields = Record<string, unknown>;

export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

export function asObject(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DecodeError(`${what} should be an object`);
  return value as Fields;
}

export function asArray<T>(value: unknown, what: string, item: (value: unknown, what: string) => T): T[] {
  if (!Array.isArray(value)) throw new DecodeError(`${what} should be a list`);
  return value.map((entry, index) => item(entry, `${what}[${index}]`));
}

export function text(fields: Fields, name: string, what: string): string {
  const value = fields[name];
  if (typeof value !== 'string') throw new DecodeError(`${what}.${name} should be a string`);
  return value;
}

export function textOrNull(fields: Fields, name: string, what: string): string | null {
  const value = fields[name];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new DecodeError(`${what}.${name} should be a string or null`);
  return value;
}

export function count(fields: Fields, name: string, what: string): number {
  const value = fields[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new DecodeError(`${what}.${name} should be a number`);
  return value;
}

export function countOrNull(fields: Fields, name: string, what: string): number | null {
  const value = fields[name];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new DecodeError(`${what}.${name} should be a number or null`);
  return value;
}

export function flag(fields: Fields, name: string, what: string): boolean {
  const value = fields[name];
  if (typeof value !== 'boolean') throw new DecodeError(`${what}.${name} should be true or false`);
  return value;
}

export function textListOrNull(fields: Fields, name: string, what: string): string[] | null {
  const value = fields[name];
  if (value === null || value === undefined) return null;
  return asArray(value, `${what}.${name}`, (entry, path) => {
    if (typeof entry !== 'string') throw new DecodeError(`${path} should be a string`);
    return entry;
  });
}
