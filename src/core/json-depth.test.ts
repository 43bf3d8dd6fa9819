import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exceedsDepth } from './json-depth.js';

const nested = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));

test('counts object and array levels; scalars have none', () => {
  assert.equal(exceedsDepth('text', 0), false);
  assert.equal(exceedsDepth({}, 1), false);
  assert.equal(exceedsDepth({}, 0), true);
  assert.equal(exceedsDepth({ a: [{ b: 1 }] }, 3), false);
  assert.equal(exceedsDepth({ a: [{ b: 1 }] }, 2), true);
  assert.equal(exceedsDepth(nested(64), 64), false);
  assert.equal(exceedsDepth(nested(65), 64), true);
});

test('walks 100,000 levels without overflowing the stack', () => {
  assert.equal(exceedsDepth(nested(100_000), 64), true);
});

test('a wide shallow value passes', () => {
  assert.equal(exceedsDepth({ messages: Array.from({ length: 5000 }, (_, index) => ({ role: 'user', content: [{ type: 'text', text: String(index) }] })) }, 64), false);
});
