import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nestedDeeperThan } from './json-depth.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const nested = (levels: number) => bytes('['.repeat(levels) + ']'.repeat(levels));

test('counts object and array levels; scalars have none', () => {
  assert.equal(nestedDeeperThan(bytes('"text"'), 0), false);
  assert.equal(nestedDeeperThan(bytes('{}'), 1), false);
  assert.equal(nestedDeeperThan(bytes('{}'), 0), true);
  assert.equal(nestedDeeperThan(bytes('{"a":[{"b":1}]}'), 3), false);
  assert.equal(nestedDeeperThan(bytes('{"a":[{"b":1}]}'), 2), true);
  assert.equal(nestedDeeperThan(nested(64), 64), false);
  assert.equal(nestedDeeperThan(nested(65), 64), true);
});

test('brackets inside strings, escaped quotes included, do not count', () => {
  assert.equal(nestedDeeperThan(bytes(JSON.stringify({ text: '[[[[[[[[{{{{{{', quoted: 'say \\"[[[[\\" and \\\\', more: '"[[[' })), 1), false);
  assert.equal(nestedDeeperThan(bytes(`{"a":"\\\\"}`), 1), false, 'an escaped backslash before the closing quote');
});

test('walks 8 million levels without building them', () => {
  assert.equal(nestedDeeperThan(nested(8_000_000), 64), true);
});

test('agrees with the parsed depth on random JSON', () => {
  const depthOf = (value: unknown): number =>
    typeof value === 'object' && value !== null ? 1 + Math.max(0, ...(Array.isArray(value) ? value : Object.values(value)).map(depthOf)) : 0;
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const make = (level: number): unknown => {
    const roll = random();
    if (level > 12 || roll < 0.3) return random() < 0.5 ? '"[{' : 42;
    if (roll < 0.65) return Array.from({ length: 1 + Math.floor(random() * 3) }, () => make(level + 1));
    return Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 3) }, (_, index) => [`k${index}"]`, make(level + 1)]));
  };
  for (let run = 0; run < 2000; run++) {
    const value = make(0);
    const depth = depthOf(value);
    const text = bytes(JSON.stringify(value));
    assert.equal(nestedDeeperThan(text, depth), false);
    if (depth > 0) assert.equal(nestedDeeperThan(text, depth - 1), true);
  }
});
