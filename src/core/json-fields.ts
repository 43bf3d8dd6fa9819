/** A parsed JSON value that is an object with named fields (not null, not an array). */
export type Fields = Record<string, unknown>;

export const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A whole non-negative number: a token count, an index. */
export const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** A string, or null, or absent (a `.nullish()` string's JSON). */
export const isNullishString = (value: unknown): value is string | null | undefined => value === undefined || value === null || typeof value === 'string';

/**
 * An own `__proto__` key: JSON.parse makes one (the body reader refuses them), and zod drops it, so
 * a hand check that must agree with a schema leaves such an object to the schema.
 */
export const hasOwnProto = (value: Fields): boolean => Object.hasOwn(value, '__proto__');
