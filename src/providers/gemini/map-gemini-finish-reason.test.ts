import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';

test('STOP → stop, or tool_calls when the turn called functions', () => {
  assert.equal(mapGeminiFinishReason('STOP', false), 'stop');
  assert.equal(mapGeminiFinishReason('STOP', true), 'tool_calls');
  assert.equal(mapGeminiFinishReason(undefined, true), 'tool_calls');
});

test('MAX_TOKENS → length, even after a tool call', () => {
  assert.equal(mapGeminiFinishReason('MAX_TOKENS', false), 'length');
  assert.equal(mapGeminiFinishReason('MAX_TOKENS', true), 'length');
});

test('safety, recitation, blocklist, prohibited content, SPII, language, image filters → content_filter', () => {
  for (const reason of ['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'LANGUAGE', 'ESCALATION']) {
    assert.equal(mapGeminiFinishReason(reason, false), 'content_filter', reason);
  }
});

test('OTHER, malformed or unexpected calls and unknown values → stop', () => {
  for (const reason of ['OTHER', 'MALFORMED_FUNCTION_CALL', 'UNEXPECTED_TOOL_CALL', 'TOO_MANY_TOOL_CALLS', 'MISSING_THOUGHT_SIGNATURE', 'SOMETHING_NEW']) {
    assert.equal(mapGeminiFinishReason(reason, false), 'stop', reason);
  }
  assert.equal(mapGeminiFinishReason('MALFORMED_FUNCTION_CALL', true), 'stop');
});
