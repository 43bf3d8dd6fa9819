import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertJsonSchemaToGemini, SchemaConversionError } from './convert-json-schema-to-gemini.js';

test('keeps the subset, drops what Gemini rejects (additionalProperties, $schema, unsupported formats, numeric enums)', () => {
  assert.deepEqual(
    convertJsonSchemaToGemini({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'x',
      title: 'Query',
      type: 'object',
      additionalProperties: false,
      properties: {
        text: { type: 'string', description: 'search text', minLength: 1, maxLength: 200, pattern: '^[a-z]', format: 'uri', examples: ['cats'] },
        when: { type: 'string', format: 'date-time', default: '2025-01-01T00:00:00Z' },
        size: { type: 'integer', format: 'int32', minimum: 1, exclusiveMaximum: 51, multipleOf: 5 },
        ratio: { type: 'number', format: 'double', exclusiveMinimum: 0 },
        level: { type: 'integer', enum: [1, 2, 3] },
        tags: { type: 'array', items: { type: 'string', enum: ['a', '', 'b'] }, minItems: 1, uniqueItems: true },
        meta: { type: 'object', patternProperties: { '^x-': { type: 'string' } } },
      },
      required: ['text', 'ghost'],
    }),
    {
      title: 'Query',
      type: 'object',
      properties: {
        text: { type: 'string', description: 'search text', minLength: 1, maxLength: 200, pattern: '^[a-z]', example: 'cats' },
        when: { type: 'string', format: 'date-time', default: '2025-01-01T00:00:00Z' },
        size: { type: 'integer', format: 'int32', minimum: 1, maximum: 50 },
        ratio: { type: 'number', format: 'double', minimum: 0 },
        level: { type: 'integer' },
        tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, minItems: 1 },
        meta: { type: 'object' },
      },
      required: ['text'],
    },
  );
});

test('null types and null variants → nullable; several types → anyOf; oneOf → anyOf; a single variant is flattened', () => {
  assert.deepEqual(convertJsonSchemaToGemini({ type: 'object', properties: { a: { type: ['string', 'null'] } } })?.properties, { a: { type: 'string', nullable: true } });
  assert.deepEqual(convertJsonSchemaToGemini({ type: 'object', properties: { a: { type: ['string', 'integer'] } } })?.properties, {
    a: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
  });
  assert.deepEqual(
    convertJsonSchemaToGemini({ type: 'object', properties: { a: { description: 'maybe', anyOf: [{ type: 'number' }, { type: 'null' }] } } })?.properties,
    { a: { type: 'number', description: 'maybe', nullable: true } },
  );
  assert.deepEqual(convertJsonSchemaToGemini({ type: 'object', properties: { a: { oneOf: [{ type: 'string' }, { type: 'boolean' }] } } })?.properties, {
    a: { anyOf: [{ type: 'string' }, { type: 'boolean' }] },
  });
});

test('const → one-value enum; enum with null → nullable', () => {
  assert.deepEqual(convertJsonSchemaToGemini({ type: 'object', properties: { kind: { const: 'circle' }, mode: { enum: ['on', 'off', null] } } })?.properties, {
    kind: { type: 'string', enum: ['circle'] },
    mode: { type: 'string', enum: ['on', 'off'], nullable: true },
  });
});

test('local $refs ($defs, definitions, JSON pointer) are inlined, siblings kept; allOf is merged', () => {
  assert.deepEqual(
    convertJsonSchemaToGemini({
      type: 'object',
      properties: {
        home: { $ref: '#/$defs/address', description: 'where they live' },
        work: { $ref: '#/definitions/address' },
        both: { allOf: [{ $ref: '#/$defs/address' }, { properties: { floor: { type: 'integer' } }, required: ['floor'] }] },
      },
      $defs: { address: { type: 'object', properties: { street: { type: 'string' } }, required: ['street'] } },
      definitions: { address: { $ref: '#/$defs/address' } },
    })?.properties,
    {
      home: { type: 'object', properties: { street: { type: 'string' } }, required: ['street'], description: 'where they live' },
      work: { type: 'object', properties: { street: { type: 'string' } }, required: ['street'] },
      both: { type: 'object', properties: { street: { type: 'string' }, floor: { type: 'integer' } }, required: ['street', 'floor'] },
    },
  );
});

test('tuples → items anyOf; implied types are filled in', () => {
  assert.deepEqual(convertJsonSchemaToGemini({ type: 'object', properties: { point: { prefixItems: [{ type: 'number' }, { type: 'string' }] }, list: { items: { type: 'string' } } } })?.properties, {
    point: { type: 'array', items: { anyOf: [{ type: 'number' }, { type: 'string' }] } },
    list: { type: 'array', items: { type: 'string' } },
  });
});

test('a schema that accepts any object (or none) → undefined, so no parameters are sent', () => {
  assert.equal(convertJsonSchemaToGemini(undefined), undefined);
  assert.equal(convertJsonSchemaToGemini({ type: 'object', properties: {} }), undefined);
  assert.equal(convertJsonSchemaToGemini({ type: 'object', additionalProperties: false }), undefined);
  assert.equal(convertJsonSchemaToGemini({}), undefined);
});

test('recursion, remote or dangling references and false schemas are clear errors', () => {
  const cases: [unknown, RegExp][] = [
    [{ type: 'object', properties: { children: { type: 'array', items: { $ref: '#' } } } }, /recursive through "#"/],
    [{ $defs: { node: { type: 'object', properties: { next: { $ref: '#/$defs/node' } } } }, $ref: '#/$defs/node' }, /recursive through "#\/\$defs\/node"/],
    [{ type: 'object', properties: { a: { $ref: 'https://example.com/schema.json' } } }, /not local/],
    [{ type: 'object', properties: { a: { $ref: '#/$defs/missing' } } }, /points to nothing/],
    [{ type: 'object', properties: { a: false } }, /matching nothing/],
  ];
  for (const [schema, message] of cases) {
    assert.throws(() => convertJsonSchemaToGemini(schema), (error: unknown) => error instanceof SchemaConversionError && message.test(error.message));
  }
});
