/**
 * JSON Schema → the OpenAPI 3.0 subset Gemini's `parameters` / `responseSchema` accept
 * (https://ai.google.dev/api/caching#Schema; protocols.md C.6). Used for models without full JSON
 * Schema support (Gemini ≤ 2.0, Gemma). Local `$ref`s are inlined (recursion cannot be expressed: a
 * clear error), `allOf` is merged, `oneOf` becomes `anyOf`, `null` types and variants become
 * `nullable`, string `const` becomes a one-value enum. Keywords outside the subset
 * (`additionalProperties`, `$schema`, `patternProperties`, `not`, `if`…) are dropped, as js-genai and
 * vercel/ai do; numeric enums are dropped because Gemini enums hold strings only.
 */
import type { GeminiSchema } from './gemini-wire-types.js';

export class SchemaConversionError extends Error {
  override readonly name = 'SchemaConversionError';
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const COPIED = ['title', 'description', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'default', 'example', 'propertyOrdering'];

const FORMATS: Record<string, readonly string[]> = {
  string: ['date-time', 'enum'],
  number: ['float', 'double'],
  integer: ['int32', 'int64'],
};

const MAX_DEPTH = 64;

interface Context {
  root: unknown;
  refs: string[];
  depth: number;
}

/** The converted schema, or undefined when it accepts any object (Gemini wants no schema then). */
export function convertJsonSchemaToGemini(schema: unknown): GeminiSchema | undefined {
  if (schema === undefined || schema === true) return undefined;
  const converted = convertNode(schema, { root: schema, refs: [], depth: 0 });
  const properties = converted.properties;
  const emptyObject = converted.type === 'object' && (!isObject(properties) || Object.keys(properties).length === 0) && converted.anyOf === undefined;
  return emptyObject || Object.keys(converted).length === 0 ? undefined : converted;
}

function convertNode(node: unknown, context: Context): GeminiSchema {
  if (context.depth > MAX_DEPTH) throw new SchemaConversionError(`the schema nests deeper than ${MAX_DEPTH} levels`);
  if (node === true || node === undefined) return {};
  if (node === false) throw new SchemaConversionError('a `false` schema (matching nothing) cannot be expressed');
  if (!isObject(node)) throw new SchemaConversionError('every schema must be an object');
  const inner: Context = { ...context, depth: context.depth + 1 };

  if (typeof node.$ref === 'string') {
    const ref = node.$ref;
    if (context.refs.includes(ref)) throw new SchemaConversionError(`the schema is recursive through "${ref}", which Gemini schemas cannot express`);
    const { $ref: _ref, ...siblings } = node;
    const target = convertNode(resolveRef(ref, context.root), { ...inner, refs: [...context.refs, ref] });
    return { ...target, ...convertNode(siblings, inner) };
  }
  if (Array.isArray(node.allOf)) {
    const { allOf, ...rest } = node;
    return [...allOf.map((member) => convertNode(member, inner)), convertNode(rest, inner)].reduce(mergeSchemas, {});
  }

  const out: GeminiSchema = {};
  let nullable = node.nullable === true;
  const types = (Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type]).filter((type): type is string => typeof type === 'string');
  if (types.includes('null')) nullable = true;
  const concrete = types.filter((type) => type !== 'null');
  if (concrete.length > 1) {
    const branches = concrete.map((type) => convertNode({ ...node, type, nullable: false }, inner));
    return nullable ? { anyOf: branches, nullable: true } : { anyOf: branches };
  }
  if (concrete[0] !== undefined) out.type = concrete[0];
  else if (types.includes('null')) out.type = 'null';

  for (const key of COPIED) if (node[key] !== undefined) out[key] = node[key];
  if (out.example === undefined && Array.isArray(node.examples) && node.examples.length > 0) out.example = node.examples[0];
  copyExclusiveBound(node, out, 'exclusiveMinimum', 'minimum', 1);
  copyExclusiveBound(node, out, 'exclusiveMaximum', 'maximum', -1);
  if (typeof node.format === 'string' && typeof out.type === 'string' && FORMATS[out.type]?.includes(node.format)) out.format = node.format;

  const variants = [...(Array.isArray(node.anyOf) ? node.anyOf : []), ...(Array.isArray(node.oneOf) ? node.oneOf : [])];
  if (variants.length > 0) {
    const kept = variants.filter((variant) => !(isObject(variant) && variant.type === 'null' && Object.keys(variant).length === 1));
    if (kept.length < variants.length) nullable = true;
    const converted = kept.map((variant) => convertNode(variant, inner));
    if (converted.length === 1 && converted[0] !== undefined) Object.assign(out, { ...converted[0], ...out });
    else if (converted.length > 1) out.anyOf = converted;
  }

  const values = 'const' in node ? [node.const] : Array.isArray(node.enum) ? node.enum : null;
  if (values !== null) {
    if (values.includes(null)) nullable = true;
    const present = values.filter((value) => value !== null);
    if (present.length > 0 && present.every((value) => typeof value === 'string')) {
      const strings = present.filter((value): value is string => typeof value === 'string' && value !== '');
      if (strings.length > 0) {
        out.enum = strings;
        out.type ??= 'string';
      }
    }
  }

  if (isObject(node.properties)) {
    const properties: Record<string, GeminiSchema> = {};
    for (const [name, property] of Object.entries(node.properties)) properties[name] = convertNode(property, inner);
    out.properties = properties;
    out.type ??= 'object';
    if (Array.isArray(node.required)) {
      const required = node.required.filter((name): name is string => typeof name === 'string' && name in properties);
      if (required.length > 0) out.required = required;
    }
  }

  const items = node.items ?? node.prefixItems;
  if (Array.isArray(items)) {
    const tuple = items.map((item) => convertNode(item, inner));
    out.items = tuple.length === 1 ? tuple[0] : { anyOf: tuple };
    out.type ??= 'array';
  } else if (items !== undefined && items !== false) {
    out.items = convertNode(items, inner);
    out.type ??= 'array';
  }

  if (nullable) out.nullable = true;
  return out;
}

/** Local JSON Pointer references only (`#`, `#/$defs/Name`, `#/definitions/Name`, any `#/…` path). */
function resolveRef(ref: string, root: unknown): unknown {
  if (ref !== '#' && !ref.startsWith('#/')) {
    throw new SchemaConversionError(`the reference "${ref}" is not local; only "#/…" references can be inlined`);
  }
  let target: unknown = root;
  for (const raw of ref.slice(2).split('/').filter((piece) => piece !== '')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(target) || !(key in target)) throw new SchemaConversionError(`the reference "${ref}" points to nothing`);
    target = target[key];
  }
  return target;
}

function copyExclusiveBound(node: JsonObject, out: GeminiSchema, from: string, to: string, integerStep: number): void {
  const value = node[from];
  if (typeof value !== 'number' || out[to] !== undefined) return;
  // Gemini has no exclusive bounds: exact for integers, the nearest inclusive bound otherwise.
  out[to] = out.type === 'integer' ? value + integerStep : value;
}

function mergeSchemas(into: GeminiSchema, next: GeminiSchema): GeminiSchema {
  const merged: GeminiSchema = { ...next, ...into };
  if (isObject(into.properties) || isObject(next.properties)) {
    merged.properties = { ...(isObject(next.properties) ? next.properties : {}), ...(isObject(into.properties) ? into.properties : {}) };
  }
  const required = [...(Array.isArray(into.required) ? into.required : []), ...(Array.isArray(next.required) ? next.required : [])];
  if (required.length > 0) merged.required = [...new Set(required)];
  return merged;
}
