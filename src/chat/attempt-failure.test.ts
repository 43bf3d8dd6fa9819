import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errors } from 'undici';
import { GatewayError, invalidRequest, upstreamError } from '../core/errors.js';
import { describeTransportError } from '../http/upstream-client.js';
import { answerFailure, translationFailure } from './attempt-failure.js';

test('an exception while translating is the gateway’s own 500: not retried, not blamed on the deployment', () => {
  const failure = translationFailure(new RangeError('Maximum call stack size exceeded'));
  assert.equal(failure.status, 500);
  assert.equal(failure.code, 'internal_error');
  assert.equal(failure.deploymentFault, false);
  assert.equal(failure.retryable, false);
  const refusal = invalidRequest('no', 'model');
  assert.equal(translationFailure(refusal), refusal, 'a refusal of the request stays what it is');
});

test('upstream 5xx become 502 upstream_error and count; 429 counts; other 4xx do not', () => {
  for (const status of [500, 503, 529]) {
    const mapped = new GatewayError(status, 'Overloaded', { type: 'server_error', code: 'overloaded', headers: { 'retry-after': '3' }, retryable: true });
    const failure = answerFailure(mapped, 'anthropic');
    assert.equal(failure.status, 502, String(status));
    assert.equal(failure.code, 'upstream_error');
    assert.equal(failure.deploymentFault, true);
    assert.equal(failure.headers['retry-after'], '3');
    assert.match(failure.message, new RegExp(`anthropic failed \\(HTTP ${status}\\): Overloaded`));
  }
  const limited = answerFailure(new GatewayError(429, 'slow down', { type: 'rate_limit_error', code: 'rate_limit_exceeded', retryable: true }), 'openai');
  assert.equal(limited.status, 429);
  assert.equal(limited.deploymentFault, true);
  const refused = answerFailure(new GatewayError(400, 'bad', { type: 'invalid_request_error', code: null }), 'openai');
  assert.equal(refused.status, 400);
  assert.equal(refused.deploymentFault, false);
  assert.equal(answerFailure(upstreamError('not JSON'), 'x').deploymentFault, true, 'a malformed answer counts');
});

test('only network failures are described as the upstream’s; anything else is internal', () => {
  const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
  assert.equal(describeTransportError(reset, 'h').status, 502);
  assert.equal(describeTransportError(reset, 'h').deploymentFault, true);
  assert.equal(describeTransportError(new errors.SocketError('other side closed'), 'h').deploymentFault, true);
  assert.equal(describeTransportError(new errors.HeadersTimeoutError(), 'h').status, 504);
  for (const error of [new TypeError('x is undefined'), new RangeError('Maximum call stack size exceeded'), new errors.InvalidArgumentError('invalid header')]) {
    const failure = describeTransportError(error, 'h');
    assert.equal(failure.status, 500, error.message);
    assert.equal(failure.deploymentFault, false);
    assert.doesNotMatch(failure.message, /upstream/i);
  }
});
