import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_OUTPUT_TOKENS, MAX_OUTPUT_TOKENS, MIN_OUTPUT_TOKENS, OutputAllowance } from './output-allowance.js';

test('a key without history gets the default allowance', () => {
  assert.equal(new OutputAllowance().tokensFor('key-1'), DEFAULT_OUTPUT_TOKENS);
});

test('the allowance follows the key\'s completions as a moving average, per key', () => {
  const allowance = new OutputAllowance();
  allowance.observe('key-1', 100);
  assert.equal(allowance.tokensFor('key-1'), 100, 'the first call sets it');
  allowance.observe('key-1', 200);
  assert.equal(allowance.tokensFor('key-1'), 120, 'each call moves it a fifth of the way');
  allowance.observe('key-1', 0);
  assert.equal(allowance.tokensFor('key-1'), 120, 'a call that produced nothing (a failure) is ignored');
  assert.equal(allowance.tokensFor('key-2'), DEFAULT_OUTPUT_TOKENS);
});

test('the allowance stays within its bounds', () => {
  const allowance = new OutputAllowance();
  allowance.observe('short', 1);
  allowance.observe('long', 1_000_000);
  assert.equal(allowance.tokensFor('short'), MIN_OUTPUT_TOKENS);
  assert.equal(allowance.tokensFor('long'), MAX_OUTPUT_TOKENS);
  // Clamped when stored, so one huge answer does not hold the average up for many calls after.
  allowance.observe('long', 100);
  assert.equal(allowance.tokensFor('long'), Math.ceil(MAX_OUTPUT_TOKENS + 0.2 * (100 - MAX_OUTPUT_TOKENS)));
});
