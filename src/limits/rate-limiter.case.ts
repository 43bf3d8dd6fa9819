import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KeyIds, LimitsBackend } from './limits.case.js';
import { rateLimitError } from './limit-errors.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import type { RateLimitDecision, RefusedDecision } from './rate-limiter.js';

// A Wednesday, on a whole second, far from any period boundary.
const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

function refused(decision: RateLimitDecision): RefusedDecision {
  assert.equal(decision.allowed, false, 'expected a refusal');
  if (decision.allowed) throw new Error('unreachable');
  return decision;
}

export function rateLimiterCases(backend: () => LimitsBackend, nextKey: KeyIds): void {
  const limiter = () => {
    const [first] = backend().rateLimiters(1);
    if (first === undefined) throw new Error('no limiter');
    return first;
  };

  describe('rate limiter', () => {
    test('admits exactly rpm requests in 60 s and frees a slot when the oldest leaves the window', async () => {
      const rateLimiter = limiter();
      const key = nextKey();
      const limits = { rpm: 3, tpm: null };
      for (const [offset, remaining] of [[0, 2], [1, 1], [2, 0]] as const) {
        const decision = await rateLimiter.admit(key, limits, 0, T0 + offset);
        assert.equal(decision.allowed, true);
        assert.deepEqual(decision.requests, { limit: 3, used: 3 - remaining, remaining, resetMs: 60_000 });
        assert.equal(decision.tokens, null);
      }
      const fourth = refused(await rateLimiter.admit(key, limits, 0, T0 + 10));
      assert.equal(fourth.refusedBy, 'requests');
      assert.equal(fourth.retryAfterMs, 59_990);
      assert.deepEqual(fourth.requests, { limit: 3, used: 3, remaining: 0, resetMs: 59_992 });
      assert.equal(refused(await rateLimiter.admit(key, limits, 0, T0 + 59_999)).retryAfterMs, 1);
      // At exactly T0 + 60 s the request made at T0 is out of the window (it covers (now - 60 s, now]).
      assert.equal((await rateLimiter.admit(key, limits, 0, T0 + 60_000)).allowed, true);
      assert.equal(refused(await rateLimiter.admit(key, limits, 0, T0 + 60_000)).retryAfterMs, 1);
      assert.equal((await rateLimiter.admit(key, limits, 0, T0 + 60_001)).allowed, true);
    });

    test('refused requests are not counted, and the window empties after 60 s', async () => {
      const rateLimiter = limiter();
      const key = nextKey();
      const limits = { rpm: 1, tpm: null };
      assert.equal((await rateLimiter.admit(key, limits, 0, T0)).allowed, true);
      for (let second = 1; second < 60; second += 1) {
        assert.equal((await rateLimiter.admit(key, limits, 0, T0 + second * 1000)).allowed, false);
      }
      const later = await rateLimiter.admit(key, limits, 0, T0 + 60_000);
      assert.equal(later.allowed, true);
      const muchLater = await rateLimiter.admit(key, { rpm: 5, tpm: null }, 0, T0 + 10 * 60_000);
      assert.deepEqual(muchLater.requests, { limit: 5, used: 1, remaining: 4, resetMs: 60_000 });
    });

    test('keys have separate windows', async () => {
      const rateLimiter = limiter();
      const [first, second] = [nextKey(), nextKey()];
      assert.equal((await rateLimiter.admit(first, { rpm: 1, tpm: null }, 0, T0)).allowed, true);
      assert.equal((await rateLimiter.admit(second, { rpm: 1, tpm: null }, 0, T0)).allowed, true);
      assert.equal((await rateLimiter.admit(first, { rpm: 1, tpm: null }, 0, T0)).allowed, false);
    });

    test('a key without limits is admitted without counts', async () => {
      const decision = await limiter().admit(nextKey(), { rpm: null, tpm: null }, 10_000, T0);
      assert.deepEqual(decision, { allowed: true, degraded: false, requests: null, tokens: null });
    });

    test('TPM counts recorded tokens and refuses when the estimate does not fit', async () => {
      const rateLimiter = limiter();
      const key = nextKey();
      const limits = { rpm: null, tpm: 1000 };
      const first = await rateLimiter.admit(key, limits, 100, T0);
      assert.equal(first.allowed, true);
      assert.deepEqual(first.tokens, { limit: 1000, used: 0, remaining: 1000, resetMs: 0 });
      assert.equal(first.requests, null);
      await rateLimiter.recordTokens(key, 600, T0 + 200);
      const second = await rateLimiter.admit(key, limits, 400, T0 + 500);
      assert.equal(second.allowed, true, '600 used + 400 estimated fits 1000 exactly');
      // Tokens count until their one-second bucket has left the window: T0 + 61 s.
      assert.deepEqual(second.tokens, { limit: 1000, used: 600, remaining: 400, resetMs: 60_500 });
      const tooMuch = refused(await rateLimiter.admit(key, limits, 401, T0 + 500));
      assert.equal(tooMuch.refusedBy, 'tokens');
      assert.equal(tooMuch.estimatedTokens, 401);
      assert.equal(tooMuch.retryAfterMs, 60_500);
      await rateLimiter.recordTokens(key, 400, T0 + 1500);
      // At the limit, even a request estimated at 0 tokens is refused until some tokens leave.
      const atLimit = refused(await rateLimiter.admit(key, limits, 0, T0 + 2000));
      assert.deepEqual(atLimit.tokens, { limit: 1000, used: 1000, remaining: 0, resetMs: 60_000 });
      assert.equal(atLimit.retryAfterMs, 59_000);
      const afterFirstBucket = await rateLimiter.admit(key, limits, 600, T0 + 61_000);
      assert.equal(afterFirstBucket.allowed, true);
      assert.equal(afterFirstBucket.tokens?.used, 400);
      assert.equal((await rateLimiter.admit(key, limits, 0, T0 + 62_000)).tokens?.used, 0);
    });

    test('a request whose estimate alone exceeds the TPM limit is refused for good', async () => {
      const decision = refused(await limiter().admit(nextKey(), { rpm: 10, tpm: 1000 }, 1001, T0));
      assert.equal(decision.refusedBy, 'tokens');
      assert.equal(decision.retryAfterMs, null);
      const headers = rateLimitHeaders(decision);
      assert.equal(headers['x-should-retry'], 'false');
      assert.equal(headers['retry-after'], undefined);
    });

    test('a refusal on tokens does not use up a request', async () => {
      const rateLimiter = limiter();
      const key = nextKey();
      await rateLimiter.recordTokens(key, 1000, T0);
      const decision = refused(await rateLimiter.admit(key, { rpm: 2, tpm: 1000 }, 1, T0 + 1));
      assert.equal(decision.refusedBy, 'tokens');
      assert.equal(decision.requests?.used, 0);
      assert.equal((await rateLimiter.admit(key, { rpm: 2, tpm: null }, 1, T0 + 2)).requests?.used, 1);
    });

    test('when both windows are full the longer wait decides', async () => {
      const rateLimiter = limiter();
      const key = nextKey();
      assert.equal((await rateLimiter.admit(key, { rpm: 1, tpm: 100 }, 1, T0)).allowed, true);
      await rateLimiter.recordTokens(key, 100, T0 + 30_000);
      const decision = refused(await rateLimiter.admit(key, { rpm: 1, tpm: 100 }, 1, T0 + 30_000));
      assert.equal(decision.refusedBy, 'tokens');
      assert.equal(decision.retryAfterMs, 61_000);
    });

    test('headers and the 429 carry limit, remaining, reset and retry-after in OpenAI formats', async () => {
      const rateLimiter = limiter();
      const key = nextKey();
      const limits = { rpm: 2, tpm: 5000 };
      await rateLimiter.recordTokens(key, 1234, T0);
      const admitted = await rateLimiter.admit(key, limits, 10, T0 + 250);
      assert.deepEqual(rateLimitHeaders(admitted), {
        'x-ratelimit-limit-requests': '2',
        'x-ratelimit-remaining-requests': '1',
        'x-ratelimit-reset-requests': '1m0s',
        'x-ratelimit-limit-tokens': '5000',
        'x-ratelimit-remaining-tokens': '3766',
        'x-ratelimit-reset-tokens': '1m0.75s',
      });
      await rateLimiter.admit(key, limits, 10, T0 + 500);
      const decision = refused(await rateLimiter.admit(key, limits, 10, T0 + 58_020));
      const headers = rateLimitHeaders(decision);
      assert.equal(headers['x-ratelimit-remaining-requests'], '0');
      assert.equal(headers['x-ratelimit-reset-requests'], '2.48s');
      assert.equal(headers['retry-after-ms'], '2230');
      assert.equal(headers['retry-after'], '3');
      const error = rateLimitError(decision);
      assert.equal(error.status, 429);
      assert.equal(error.type, 'requests');
      assert.equal(error.code, 'rate_limit_exceeded');
      assert.deepEqual(error.headers, headers);
      assert.match(error.message, /requests per min \(RPM\): Limit 2, Used 2, Requested 1\. Please try again in 2\.23s\./);
    });

    test('clients of one backend share one limit under concurrency: 100 RPM admits exactly 100', async () => {
      const limiters = backend().rateLimiters(2);
      const key = nextKey();
      const attempts = Array.from({ length: 240 }, (_, index) => {
        const rateLimiter = limiters[index % limiters.length];
        if (rateLimiter === undefined) throw new Error('no limiter');
        return rateLimiter.admit(key, { rpm: 100, tpm: null }, 0, T0 + (index % 7));
      });
      const decisions = await Promise.all(attempts);
      assert.equal(decisions.filter((decision) => decision.allowed).length, 100);
      assert.ok(decisions.every((decision) => decision.allowed || decision.requests?.remaining === 0));
    });
  });
}
