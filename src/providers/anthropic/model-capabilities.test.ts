import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claudeCapabilities } from './model-capabilities.js';
import { sanitizeJsonSchema } from './sanitize-json-schema.js';

test('reads both naming schemes, dated ids and aliases', () => {
  const table: Array<[string, number | null, string, boolean, boolean]> = [
    // id, max output, thinking, native structured output, only default sampling
    ['claude-3-haiku-20240307', 4096, 'none', false, false],
    ['claude-3-5-haiku-latest', 8192, 'none', false, false],
    ['claude-3-7-sonnet-20250219', 64_000, 'budget', false, false],
    ['claude-sonnet-4-20250514', 64_000, 'budget', false, false],
    ['claude-opus-4-0', 32_000, 'budget', false, false],
    ['claude-opus-4-1-20250805', 32_000, 'budget', true, false],
    ['claude-sonnet-4-5-20250929', 64_000, 'budget', true, false],
    ['claude-haiku-4-5', 64_000, 'budget', true, false],
    ['claude-opus-4-6', 128_000, 'adaptive', true, false],
    ['claude-opus-4-7', 128_000, 'adaptive', true, true],
    ['claude-sonnet-5', 128_000, 'adaptive', true, true],
    ['anthropic/claude-fable-5', 128_000, 'adaptive', true, true],
    ['my-company-claude', null, 'budget', false, false],
  ];
  for (const [id, max, thinking, native, defaults] of table) {
    const capabilities = claudeCapabilities(id);
    assert.deepEqual(
      [capabilities.maxOutputTokens, capabilities.thinking, capabilities.nativeStructuredOutput, capabilities.onlyDefaultSampling],
      [max, thinking, native, defaults],
      id,
    );
  }
  assert.equal(claudeCapabilities('claude-sonnet-4-5').exclusiveTemperatureTopP, true);
  assert.equal(claudeCapabilities('claude-opus-4-1').exclusiveTemperatureTopP, false);
});

test('structured-output schemas: closed objects, oneOf → anyOf, unenforced constraints moved to descriptions', () => {
  assert.deepEqual(
    sanitizeJsonSchema({
      type: 'object',
      properties: {
        tags: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 2, description: 'Tags.' },
        pick: { oneOf: [{ type: 'object', properties: { x: { type: 'number' } } }, { type: 'null' }] },
        open: { type: 'object', additionalProperties: true },
      },
      $defs: { node: { type: 'object', properties: {} } },
    }),
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        tags: { type: 'array', items: { type: 'string', description: '{minLength: 1}' }, description: 'Tags. {minItems: 2}' },
        pick: { anyOf: [{ type: 'object', properties: { x: { type: 'number' } }, additionalProperties: false }, { type: 'null' }] },
        open: { type: 'object', additionalProperties: true },
      },
      $defs: { node: { type: 'object', properties: {}, additionalProperties: false } },
    },
  );
});
