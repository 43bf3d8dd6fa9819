import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KeyPolicy } from '../auth/principal.js';
import { GatewayError } from '../core/errors.js';
import { zeroTokens } from '../core/usage.js';
import { BackendFailures } from '../limits/backend-failures.js';
import type { BudgetDecision, BudgetLimit, HoldRequest } from '../limits/index.js';
import { MemoryBudgetGuard } from '../limits/memory-budget-guard.js';
import { MemoryRateLimiter } from '../limits/memory-rate-limiter.js';
import type { AdmissionRequest } from './admission.js';
import { LimitsAdmission } from './limits-admission.js';

const GPT_4O = { inputPerMtok: 2.5, outputPerMtok: 10 };
const T0 = Date.UTC(2025, 0, 15, 12);

/** The memory guard, recording what each call asked it to hold. */
class RecordingGuard extends MemoryBudgetGuard {
  readonly asked: HoldRequest[] = [];
  override reserveNow(keyId: string, limit: BudgetLimit, hold: HoldRequest, now: number): BudgetDecision | undefined {
    this.asked.push(hold);
    return super.reserveNow(keyId, limit, hold, now);
  }
}

function setup(budgetUsd: number) {
  const guard = new RecordingGuard({ failures: new BackendFailures(() => {}) });
  const admission = new LimitsAdmission(new MemoryRateLimiter(), guard, (error) => assert.fail(String(error)), { now: () => T0 });
  const key: KeyPolicy = { id: 'key-1', name: 'thrifty', models: null, rpm: null, tpm: null, budgetUsd, budgetPeriod: 'day', expiresAt: null };
  const ask = (maxOutputTokens: number | null, promptTokens = 12): AdmissionRequest => ({
    principal: { kind: 'key', key },
    model: 'gpt-4o',
    promptTokens,
    maxOutputTokens,
    price: GPT_4O,
  });
  return { guard, admission, ask };
}

const budgetRefusal = (error: unknown): boolean => error instanceof GatewayError && error.status === 429 && error.code === 'budget_exceeded';

test('a fresh key with a one-cent budget is admitted for a small call without max_tokens', async () => {
  const { guard, admission, ask } = setup(0.01);
  const ticket = await admission.admit(ask(null));
  // 12 prompt tokens + the 512-token default allowance, capped to what the budget has left.
  assert.deepEqual(guard.asked, [{ amountUsd: 0.00515, capToRemaining: true }]);
  ticket.settle({ ...zeroTokens(), prompt: 12, completion: 6 }, 0.00009);
});

test('without max_tokens the hold follows the key\'s usual completion length', async () => {
  const { guard, admission, ask } = setup(1);
  (await admission.admit(ask(null))).settle({ ...zeroTokens(), prompt: 12, completion: 300 }, 0.00303);
  await admission.admit(ask(null));
  assert.equal(guard.asked[1]?.amountUsd, 0.00303, '12 prompt + 300 output tokens');
});

test('a max_tokens the budget cannot pay for is refused with the tokens it can', async () => {
  const { guard, admission, ask } = setup(0.01);
  await assert.rejects(async () => admission.admit(ask(100_000)), (error: unknown) => {
    assert.ok(budgetRefusal(error));
    assert.deepEqual(error instanceof GatewayError && error.headers, { 'x-should-retry': 'false' });
    assert.match(String(error instanceof Error && error.message), /asks for up to 100000 tokens, but the key can only afford 997 with the \$0\.01 left/);
    return true;
  });
  assert.deepEqual(guard.asked.at(-1), { amountUsd: 1.00003, capToRemaining: false });
  // The count it named fits.
  await admission.admit(ask(997));
});

test('once spend and holds reach the budget, every call gets the plain budget message', async () => {
  const { admission, ask } = setup(0.001);
  const first = await admission.admit(ask(null)); // holds all $0.001 (capped)
  for (const maxOutput of [null, 50]) {
    await assert.rejects(async () => admission.admit(ask(maxOutput)), (error: unknown) => {
      assert.ok(budgetRefusal(error));
      assert.match(String(error instanceof Error && error.message), /^Budget exceeded for this API key: \$0\.00 spent \(plus \$0\.001000 held/);
      return true;
    });
  }
  first.settle(zeroTokens(), 0);
  await admission.admit(ask(50));
});

test('a call the rate limit refuses gives its budget hold back, so it never starves the calls admitted after it', async () => {
  const guard = new MemoryBudgetGuard({ failures: new BackendFailures(() => {}) });
  const admission = new LimitsAdmission(new MemoryRateLimiter(), guard, (error) => assert.fail(String(error)), { now: () => T0 });
  const key: KeyPolicy = { id: 'key-1', name: 'both', models: null, rpm: 1, tpm: null, budgetUsd: 0.01, budgetPeriod: 'day', expiresAt: null };
  const ask = (maxOutputTokens: number): AdmissionRequest => ({ principal: { kind: 'key', key }, model: 'gpt-4o', promptTokens: 12, maxOutputTokens, price: GPT_4O });
  await admission.admit(ask(10));
  // The second call's rate refusal comes with a $0.008 hold that must not stay.
  await assert.rejects(async () => admission.admit(ask(800)), (error: unknown) => error instanceof GatewayError && error.code === 'rate_limit_exceeded');
  await new Promise((resolve) => setImmediate(resolve));
  const after = await guard.reserve('key-1', { budgetUsd: 0.01, period: 'day' }, { amountUsd: 0.009, capToRemaining: false }, T0);
  assert.equal(after.allowed, true, 'only the first call (about $0.00013) is still held');
});

test('with the limits in this process, a call is admitted and settled without an asynchronous step', () => {
  const limiter = new MemoryRateLimiter();
  const admission = new LimitsAdmission(limiter, new MemoryBudgetGuard({ failures: new BackendFailures(() => {}) }), (error) => assert.fail(String(error)), { now: () => T0 });
  const key: KeyPolicy = { id: 'key-1', name: 'busy', models: null, rpm: 2, tpm: 1_000, budgetUsd: 1, budgetPeriod: 'day', expiresAt: null };
  const ask: AdmissionRequest = { principal: { kind: 'key', key }, model: 'gpt-4o', promptTokens: 10, maxOutputTokens: 10, price: GPT_4O };
  const ticket = admission.admit(ask);
  assert.ok(!(ticket instanceof Promise), 'a ticket, not a promise');
  assert.equal(ticket.headers['x-ratelimit-remaining-requests'], '1');
  ticket.settle({ ...zeroTokens(), prompt: 10, completion: 990 }, 0.01);
  // The tokens counted at once: the window is full for the next call, synchronously.
  assert.throws(() => admission.admit(ask), (error: unknown) => error instanceof GatewayError && error.code === 'rate_limit_exceeded');
});

test('a budget whose spend must first be loaded waits for it once, then answers at once', async () => {
  let loads = 0;
  const guard = new MemoryBudgetGuard({
    failures: new BackendFailures(() => {}),
    loadSpend: async () => {
      loads += 1;
      return 0.5;
    },
  });
  const admission = new LimitsAdmission(new MemoryRateLimiter(), guard, (error) => assert.fail(String(error)), { now: () => T0 });
  const key: KeyPolicy = { id: 'key-1', name: 'loaded', models: null, rpm: null, tpm: null, budgetUsd: 0.50055, budgetPeriod: 'day', expiresAt: null };
  const ask: AdmissionRequest = { principal: { kind: 'key', key }, model: 'gpt-4o', promptTokens: 10, maxOutputTokens: 10, price: GPT_4O };
  const first = admission.admit(ask);
  assert.ok(first instanceof Promise, 'the first call waits for the spend to load');
  (await first).settle({ ...zeroTokens(), prompt: 10, completion: 10 }, 0);
  const second = admission.admit(ask);
  assert.ok(!(second instanceof Promise));
  assert.equal(loads, 1);
  // The loaded spend counts: $0.5 of $0.50055 leaves room for 4 holds of $0.000125 (the one above and 3 more), not 5.
  for (let call = 0; call < 3; call += 1) admission.admit(ask);
  assert.throws(() => admission.admit(ask), (error: unknown) => error instanceof GatewayError && error.code === 'budget_exceeded');
});
