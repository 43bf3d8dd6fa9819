import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BackendFailures } from './backend-failures.js';

test('counts every failure but logs at most one warning per interval, with the count in between', () => {
  const warnings: string[] = [];
  let now = 0;
  const failures = new BackendFailures((message) => warnings.push(message), 10_000, () => now);
  for (let index = 0; index < 100; index += 1) failures.report('rate limit check', 'failed open', new Error('down'));
  now = 10_000;
  failures.report('rate limit check', 'failed open', new Error('still down'));
  assert.equal(failures.count, 101);
  assert.deepEqual(warnings, [
    'switchyard limits: rate limit check failed open: down',
    'switchyard limits: rate limit check failed open: still down (99 similar failures since the last warning)',
  ]);
});
