import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoundedLabels, OTHER_LABEL } from './bounded-labels.js';

test('values past the bound are counted as other; known ones stay themselves', () => {
  const labels = new BoundedLabels(2);
  assert.equal(labels.of('gpt-4o'), 'gpt-4o');
  assert.equal(labels.of('claude'), 'claude');
  assert.equal(labels.of('openai/random-1'), OTHER_LABEL);
  assert.equal(labels.of('gpt-4o'), 'gpt-4o');
});
