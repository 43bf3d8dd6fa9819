import assert from 'node:assert/strict';
import { test } from 'node:test';
import { budgetExceededError, limitsUnavailableError, maxTokensUnaffordableError, rateLimitError } from './limit-errors.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import type { RefusedDecision } from './rate-limiter.js';

const tokensRefusal: RefusedDecision = {
  allowed: false,
  refusedBy: 'tokens',
  estimatedTokens: 2000,
  retryAfterMs: 5_500,
  requests: { limit: 60, used: 12, remaining: 48, resetMs: 59_000 },
  tokens: { limit: 10_000, used: 9_000, remaining: 1_000, resetMs: 61_000 },
};

test('a token refusal becomes OpenAI\'s 429: type tokens, rate_limit_exceeded, backoff headers', () => {
  const error = rateLimitError(tokensRefusal);
  assert.deepEqual([error.status, error.type, error.code, error.retryable], [429, 'tokens', 'rate_limit_exceeded', false]);
  assert.equal(
    error.message,
    'Rate limit reached for this API key on tokens per min (TPM): Limit 10000, Used 9000, Requested 2000. Please try again in 5.5s.',
  );
  assert.deepEqual(error.headers, {
    'x-ratelimit-limit-requests': '60',
    'x-ratelimit-remaining-requests': '48',
    'x-ratelimit-reset-requests': '59s',
    'x-ratelimit-limit-tokens': '10000',
    'x-ratelimit-remaining-tokens': '1000',
    'x-ratelimit-reset-tokens': '1m1s',
    'retry-after': '6',
    'retry-after-ms': '5500',
  });
});

test('a request larger than the TPM limit says so and tells SDKs not to retry', () => {
  const error = rateLimitError({ ...tokensRefusal, estimatedTokens: 20_000, retryAfterMs: null });
  assert.match(error.message, /Requested 20000\. This request alone is larger than the limit/);
  assert.equal(error.headers['x-should-retry'], 'false');
  assert.equal(error.headers['retry-after'], undefined);
});

test('headers leave out a window the key has no limit for', () => {
  const headers = rateLimitHeaders({ allowed: true, degraded: false, requests: null, tokens: { limit: 5, used: 1, remaining: 4, resetMs: 20 } });
  assert.deepEqual(headers, { 'x-ratelimit-limit-tokens': '5', 'x-ratelimit-remaining-tokens': '4', 'x-ratelimit-reset-tokens': '20ms' });
});

test('a spent budget is insufficient_quota with x-should-retry: false and says when it resets', () => {
  const error = budgetExceededError({
    allowed: false,
    estimateUsd: 0.0042,
    remainingUsd: 0,
    status: { budgetUsd: 10, spentUsd: 9.5, reservedUsd: 0.75, period: 'month', resetsAt: Date.UTC(2025, 1, 1) },
  });
  assert.deepEqual([error.status, error.type, error.code], [429, 'insufficient_quota', 'budget_exceeded']);
  assert.deepEqual(error.headers, { 'x-should-retry': 'false' });
  assert.equal(
    error.message,
    'Budget exceeded for this API key: $9.50 spent (plus $0.75 held by calls in progress) of its $10.00 monthly budget, ' +
      'and this call needs about $0.004200. The budget resets at 2025-02-01T00:00:00.000Z.',
  );
});

test('a max_tokens the rest of the budget cannot pay for names the tokens it can', () => {
  const error = maxTokensUnaffordableError(
    {
      allowed: false,
      estimateUsd: 0.041,
      remainingUsd: 0.0081,
      status: { budgetUsd: 0.01, spentUsd: 0.0019, reservedUsd: 0, period: 'day', resetsAt: Date.UTC(2025, 0, 16) },
    },
    4096,
    812,
  );
  assert.deepEqual([error.status, error.type, error.code], [429, 'insufficient_quota', 'budget_exceeded']);
  assert.deepEqual(error.headers, { 'x-should-retry': 'false' });
  assert.equal(
    error.message,
    'This request asks for up to 4096 tokens, but the key can only afford 812 with the $0.008100 left of its $0.01 daily budget. ' +
      'Lower max_tokens or raise the budget.',
  );
});

test('an unreachable budget store is a retryable 503, not a 429', () => {
  const error = limitsUnavailableError(new Error('Redis is unreachable'));
  assert.deepEqual([error.status, error.code, error.headers], [503, 'limits_unavailable', { 'retry-after': '1' }]);
});
