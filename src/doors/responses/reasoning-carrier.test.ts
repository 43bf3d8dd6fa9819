import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeReasoningCarrier, encodeReasoningCarrier, isReasoningCarrier } from './reasoning-carrier.js';

test('signed reasoning survives the trip through encrypted_content', () => {
  const details = [
    { type: 'reasoning.text' as const, text: 'Thinking…', signature: 'EqQBCkYIBxgCKkB', format: 'anthropic-claude-v1', index: 0 },
    { type: 'reasoning.encrypted' as const, data: 'opaque', format: 'google-gemini-v1', id: 'call_1', index: 1 },
  ];
  const carrier = encodeReasoningCarrier(details);
  assert.ok(carrier !== undefined && isReasoningCarrier(carrier));
  assert.deepEqual(decodeReasoningCarrier(carrier), details);
});

test('no details, no carrier; foreign or broken content does not decode', () => {
  assert.equal(encodeReasoningCarrier([]), undefined);
  assert.equal(isReasoningCarrier('gAAAAABopaque'), false);
  assert.equal(decodeReasoningCarrier('gAAAAABopaque'), null);
  assert.equal(decodeReasoningCarrier('sy1.%%%'), null);
  assert.equal(decodeReasoningCarrier(`sy1.${Buffer.from('[{"type":"nope"}]').toString('base64url')}`), null);
});
