import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toEnvelope } from '../../core/errors.js';
import { mapAnthropicError, mapAnthropicStreamError } from './map-error.js';

const body = (type: string, message: string) => JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_011CSHoEeqs5C35K2UUqR7Fy' });

test('529 overloaded → 503 overloaded, retryable, retry-after kept', () => {
  const error = mapAnthropicError(529, body('overloaded_error', 'Overloaded'), { 'retry-after': '3' });
  assert.equal(error.status, 503);
  assert.deepEqual(toEnvelope(error), {
    error: { message: 'Overloaded (Anthropic request id: req_011CSHoEeqs5C35K2UUqR7Fy)', type: 'server_error', param: null, code: 'overloaded' },
  });
  assert.equal(error.retryable, true);
  assert.deepEqual(error.headers, { 'retry-after': '3' });
});

test('401 → invalid_api_key that says the provider refused the gateway key, without leaking it', () => {
  const error = mapAnthropicError(401, body('authentication_error', 'invalid x-api-key sk-ant-api03-abcdefghijklmnop'), {});
  assert.equal(error.status, 401);
  assert.equal(error.code, 'invalid_api_key');
  assert.match(error.message, /^Anthropic refused the API key configured in the gateway/);
  assert.doesNotMatch(error.message, /abcdefghijklmnop/);
});

test('429 keeps retry-after; 402 billing is insufficient_quota that clients must not retry', () => {
  const limited = mapAnthropicError(429, body('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'), {
    'retry-after': '17',
  });
  assert.deepEqual([limited.status, limited.type, limited.code, limited.retryable], [429, 'rate_limit_error', 'rate_limit_exceeded', true]);
  assert.deepEqual(limited.headers, { 'retry-after': '17' });
  const billing = mapAnthropicError(402, body('billing_error', 'Your credit balance is too low'), {});
  assert.deepEqual([billing.status, billing.type, billing.code, billing.retryable], [402, 'insufficient_quota', 'insufficient_quota', false]);
  assert.deepEqual(billing.headers, { 'x-should-retry': 'false' });
});

test('4xx keep their status and message; context overflow and unknown models get OpenAI codes', () => {
  const invalid = mapAnthropicError(400, body('invalid_request_error', 'messages: text content blocks must be non-empty'), {});
  assert.deepEqual([invalid.status, invalid.type, invalid.code], [400, 'invalid_request_error', null]);
  assert.match(invalid.message, /^messages: text content blocks must be non-empty/);
  const long = mapAnthropicError(400, body('invalid_request_error', 'prompt is too long: 212345 tokens > 200000 maximum'), {});
  assert.equal(long.code, 'context_length_exceeded');
  const missing = mapAnthropicError(404, body('not_found_error', 'model: claude-nope'), {});
  assert.deepEqual([missing.status, missing.code, missing.param], [404, 'model_not_found', 'model']);
  assert.equal(mapAnthropicError(403, body('permission_error', 'no'), {}).type, 'permission_error');
  assert.equal(mapAnthropicError(413, body('request_too_large', 'too big'), {}).code, 'request_too_large');
});

test('5xx are retryable server errors; 504 is upstream_timeout; non-JSON bodies are kept as text', () => {
  const internal = mapAnthropicError(500, body('api_error', 'Internal server error'), {});
  assert.deepEqual([internal.status, internal.type, internal.retryable], [500, 'server_error', true]);
  const timeout = mapAnthropicError(504, body('timeout_error', 'Request timed out'), {});
  assert.deepEqual([timeout.status, timeout.code], [504, 'upstream_timeout']);
  const html = mapAnthropicError(502, '<html>Bad Gateway</html>', { 'request-id': 'req_x' });
  assert.deepEqual([html.status, html.message], [502, '<html>Bad Gateway</html> (Anthropic request id: req_x)']);
  assert.equal(mapAnthropicError(500, '', {}).message, 'Anthropic answered HTTP 500.');
});

test('stream error events are mapped by their type', () => {
  assert.equal(mapAnthropicStreamError('overloaded_error', 'Overloaded').status, 503);
  assert.equal(mapAnthropicStreamError('rate_limit_error', 'slow down').status, 429);
  assert.equal(mapAnthropicStreamError('invalid_request_error', 'bad').status, 400);
  assert.equal(mapAnthropicStreamError('something_new', 'huh').status, 500);
});
