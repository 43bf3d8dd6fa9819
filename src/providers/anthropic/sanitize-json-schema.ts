/**
 * Adapts a JSON schema to what Anthropic's native structured output accepts
 * (https://docs.claude.com/en/docs/build-with-claude/structured-outputs#json-schema-limitations):
 * every object gets `additionalProperties: false` unless it says otherwise; `oneOf` becomes `anyOf`;
 * numeric, length and count constraints are not enforced by the decoder, so they move into the
 * `description` (as Anthropic's own SDK helpers do) instead of making the request fail.
 */

const UNSUPPORTED_CONSTRAINTS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
] as const;

/** Keywords whose value is a schema, or a list or map of schemas. */
const SCHEMA_KEYWORDS = ['items', 'not', 'additionalItems', 'contains', 'if', 'then', 'else'] as const;
const SCHEMA_LIST_KEYWORDS = ['anyOf', 'allOf', 'oneOf', 'prefixItems'] as const;
const SCHEMA_MAP_KEYWORDS = ['properties', '$defs', 'definitions', 'patternProperties'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function sanitizeJsonSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...schema };

  for (const keyword of SCHEMA_KEYWORDS) {
    const value = out[keyword];
    if (isRecord(value)) out[keyword] = sanitizeJsonSchema(value);
  }
  for (const keyword of SCHEMA_LIST_KEYWORDS) {
    const value = out[keyword];
    if (Array.isArray(value)) out[keyword] = value.map((item) => (isRecord(item) ? sanitizeJsonSchema(item) : item));
  }
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const value = out[keyword];
    if (isRecord(value)) {
      out[keyword] = Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, isRecord(item) ? sanitizeJsonSchema(item) : item]),
      );
    }
  }

  if (Array.isArray(out.oneOf)) {
    out.anyOf = [...(Array.isArray(out.anyOf) ? out.anyOf : []), ...out.oneOf];
    delete out.oneOf;
  }

  const moved: string[] = [];
  for (const keyword of UNSUPPORTED_CONSTRAINTS) {
    if (out[keyword] === undefined) continue;
    moved.push(`${keyword}: ${JSON.stringify(out[keyword])}`);
    delete out[keyword];
  }
  // minItems above 1 is not supported either; 0 and 1 are.
  if (typeof out.minItems === 'number' && out.minItems > 1) {
    moved.push(`minItems: ${out.minItems}`);
    delete out.minItems;
  }
  if (moved.length > 0) {
    const note = `{${moved.join(', ')}}`;
    out.description = typeof out.description === 'string' && out.description !== '' ? `${out.description} ${note}` : note;
  }

  const isObject = out.type === 'object' || (Array.isArray(out.type) && out.type.includes('object')) || isRecord(out.properties);
  if (isObject && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
