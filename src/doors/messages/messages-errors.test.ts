import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayError, invalidApiKey, modelNotFound, providerNotConfigured, requestTooLarge, upstreamError, upstreamTimeout } from '../../core/errors.js';
import { messagesErrorBody, messagesStreamError } from './messages-errors.js';

test("errors take Anthropic's types by status", () => {
  const typeOf = (error: GatewayError) => messagesErrorBody(error).error.type;
  assert.equal(typeOf(new GatewayError(400, 'bad', { type: 'invalid_request_error', code: 'unsupported_parameter', param: 'top_k' })), 'invalid_request_error');
  assert.equal(typeOf(invalidApiKey()), 'authentication_error');
  assert.equal(typeOf(new GatewayError(403, 'no', { type: 'permission_error', code: 'model_not_allowed' })), 'permission_error');
  assert.equal(typeOf(modelNotFound('nope')), 'not_found_error');
  assert.equal(typeOf(requestTooLarge(10)), 'request_too_large');
  assert.equal(typeOf(new GatewayError(429, 'slow down', { type: 'requests', code: 'rate_limit_exceeded' })), 'rate_limit_error');
  assert.equal(typeOf(upstreamError('boom')), 'api_error');
  assert.equal(typeOf(new GatewayError(503, 'busy', { type: 'server_error', code: 'no_healthy_deployment' })), 'overloaded_error');
  assert.equal(typeOf(providerNotConfigured('anthropic', 'ANTHROPIC_API_KEY')), 'api_error');
  assert.equal(typeOf(upstreamTimeout('late')), 'timeout_error');
});

test('the body and the stream event', () => {
  assert.deepEqual(messagesErrorBody(modelNotFound('nope')), { type: 'error', error: { type: 'not_found_error', message: modelNotFound('nope').message } });
  assert.equal(messagesStreamError(upstreamError('boom')), 'event: error\ndata: {"type":"error","error":{"type":"api_error","message":"boom"}}\n\n');
});
