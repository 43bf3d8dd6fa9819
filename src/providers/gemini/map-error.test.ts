import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFixture } from './__fixtures__/fixtures.js';
import { mapGeminiError } from './map-error.js';

const map = (status: number, fixture: string, headers = {}) => mapGeminiError(status, readFixture(fixture), headers);

test('400 API_KEY_INVALID → 401 invalid_api_key that blames the gateway key, not the client', () => {
  const error = map(400, 'gemini-error-api-key-invalid.json');
  assert.equal(error.status, 401);
  assert.equal(error.code, 'invalid_api_key');
  assert.equal(error.type, 'invalid_request_error');
  assert.match(error.message, /^The Gemini provider refused the API key configured in the gateway: API key not valid/);
});

test('429 RESOURCE_EXHAUSTED → 429 rate_limit_exceeded, retry-after from RetryInfo (rounded up), retryable', () => {
  const error = map(429, 'gemini-error-429-retry-info.json');
  assert.equal(error.status, 429);
  assert.equal(error.type, 'rate_limit_error');
  assert.equal(error.code, 'rate_limit_exceeded');
  assert.deepEqual(error.headers, { 'retry-after': '35' });
  assert.equal(error.retryable, true);
  assert.deepEqual(mapGeminiError(429, '{"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED"}}', { 'retry-after': '7' }).headers, { 'retry-after': '7' });
});

test('503 → overloaded, 504 → timeout, 500 → server_error; all retryable', () => {
  assert.deepEqual(pick(map(503, 'gemini-error-503.json')), [503, 'server_error', 'overloaded', true]);
  assert.deepEqual(pick(map(504, 'gemini-error-504.json')), [504, 'server_error', 'timeout', true]);
  assert.deepEqual(pick(mapGeminiError(500, '{"error":{"code":500,"message":"Internal error encountered.","status":"INTERNAL"}}', {})), [500, 'server_error', null, true]);
});

test('404 → model_not_found; 403 → permission_error; 400 keeps the message, context overflow is named', () => {
  const notFound = map(404, 'gemini-error-404.json');
  assert.deepEqual(pick(notFound), [404, 'invalid_request_error', 'model_not_found', false]);
  assert.match(notFound.message, /models\/gemini-9-ultra is not found/);
  assert.deepEqual(pick(map(403, 'gemini-error-403.json')), [403, 'permission_error', null, false]);
  assert.deepEqual(pick(map(400, 'gemini-error-400-context.json')), [400, 'invalid_request_error', 'context_length_exceeded', false]);
  const mismatch = mapGeminiError(400, '{"error":{"code":400,"message":"Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.","status":"INVALID_ARGUMENT"}}', {});
  assert.deepEqual(pick(mismatch), [400, 'invalid_request_error', null, false]);
});

test('non-JSON bodies, array-wrapped errors, odd statuses, and keys in messages', () => {
  assert.equal(mapGeminiError(502, '<html>Bad Gateway</html>', {}).message, '<html>Bad Gateway</html>');
  assert.equal(mapGeminiError(503, '', {}).message, 'Gemini answered HTTP 503.');
  assert.equal(mapGeminiError(400, `[${readFixture('gemini-error-api-key-invalid.json')}]`, {}).status, 401);
  assert.deepEqual(pick(mapGeminiError(302, '', {})), [502, 'server_error', 'upstream_error', true]);
  const leaked = mapGeminiError(400, '{"error":{"code":400,"message":"Bad key AIzaSyA1234567890abcdefghijkl for project","status":"INVALID_ARGUMENT"}}', {});
  assert.doesNotMatch(leaked.message, /AIza/);
});

function pick(error: ReturnType<typeof mapGeminiError>) {
  return [error.status, error.type, error.code, error.retryable];
}
