/**
 * When the primary cannot answer, the IPC limits behave as the Redis ones do when Redis is down
 * (src/limits/redis-unreachable.test.ts): rate limits fail open, budgets fail closed (503) unless
 * budgetFailOpen, bookkeeping calls never throw, and every failure is counted.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayError } from '../core/errors.js';
import { MemoryBudgetGuard } from '../limits/memory-budget-guard.js';
import { MemoryRateLimiter } from '../limits/memory-rate-limiter.js';
import { BackendFailures } from '../limits/backend-failures.js';
import { clusterProtocol } from './cluster-protocol.js';
import { createIpcLimits } from './create-ipc-limits.js';
import { IpcPeer } from './ipc-channel.js';
import { serveLimits } from './serve-limits.js';
import { messageChannelPorts } from './testing/message-channel-ports.js';

const limits = { rpm: 10, tpm: 1000 };
const budget = { budgetUsd: 5, period: 'day' } as const;
const hold = { amountUsd: 0.1, capToRemaining: false };

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** A worker's limits on a channel whose primary answers nothing at all (hung) or is gone (closed). */
function worker(options: { timeoutMs: number; budgetFailOpen?: boolean }) {
  const ports = messageChannelPorts();
  const warnings: string[] = [];
  const peer = new IpcPeer(ports.worker, clusterProtocol, { timeoutMs: options.timeoutMs });
  const service = createIpcLimits(peer, { warn: (message) => warnings.push(message), budgetFailOpen: options.budgetFailOpen ?? false });
  return { ports, service, warnings };
}

test('a dead primary: rate limits fail open at once, budgets fail closed with a 503, nothing else throws', async (t) => {
  const { ports, service, warnings } = worker({ timeoutMs: 5_000 });
  t.after(() => ports.close());
  ports.close();
  const check = await timed(() => service.rateLimiter.admit('key-1', limits, 10, Date.now()));
  assert.deepEqual(check.value, { allowed: true, degraded: true, requests: null, tokens: null });
  assert.ok(check.ms < 100, `the check took ${check.ms} ms`);
  // A key without limits or budget never needs the primary.
  assert.deepEqual(await service.rateLimiter.admit('key-2', { rpm: null, tpm: null }, 5, Date.now()), { allowed: true, degraded: false, requests: null, tokens: null });
  const free = await service.budgetGuard.reserve('key-2', { budgetUsd: null, period: null }, hold, Date.now());
  assert.equal(free.allowed && free.reservation.tracked, false);

  const refusal = await timed(() => service.budgetGuard.reserve('key-1', budget, hold, Date.now()).then(() => null, (error: unknown) => error));
  assert.ok(refusal.value instanceof GatewayError);
  assert.deepEqual([refusal.value.status, refusal.value.code, refusal.value.headers['retry-after']], [503, 'limits_unavailable', '1']);
  assert.ok(refusal.ms < 100, `the budget check took ${refusal.ms} ms`);

  await service.rateLimiter.recordTokens('key-1', 100, Date.now());
  await service.budgetGuard.seed('key-1', 'day', 0, 1);
  await service.budgetGuard.settle({ id: 'r', keyId: 'key-1', period: 'day', amountUsd: 0.1, expiresAt: Date.now() + 1000, tracked: true, held: true }, 0.1, Date.now());
  assert.equal(service.failures.count, 5);
  assert.equal(warnings.length, 1, 'one warning per interval');
  assert.match(warnings[0] ?? '', /switchyard limits: rate limit check failed open: cluster channel closed/);
});

test('a primary that stops answering: each call fails after the channel timeout, with the same policy', async (t) => {
  const { ports, service } = worker({ timeoutMs: 100 });
  t.after(() => ports.close());
  // The primary's end is open but nobody serves it.
  const check = await timed(() => service.rateLimiter.admit('key-1', limits, 10, Date.now()));
  assert.equal(check.value.allowed && check.value.degraded, true);
  assert.ok(check.ms >= 95 && check.ms < 400, `the check took ${check.ms} ms`);
  await assert.rejects(service.budgetGuard.reserve('key-1', budget, hold, Date.now()), { status: 503, code: 'limits_unavailable' });
});

test('with budgetFailOpen a dead primary lets budgeted calls through, unheld', async (t) => {
  const { ports, service } = worker({ timeoutMs: 1000, budgetFailOpen: true });
  t.after(() => ports.close());
  ports.close();
  const decision = await service.budgetGuard.reserve('key-1', budget, hold, Date.now());
  assert.equal(decision.allowed, true);
  if (decision.allowed) assert.deepEqual([decision.reservation.tracked, decision.reservation.held], [true, false]);
});

test("the primary's own refusal stands: its spend loader failing is a 503 even for a worker that fails open", async (t) => {
  const ports = messageChannelPorts();
  t.after(() => ports.close());
  const failures = new BackendFailures(() => {});
  const loadSpend = async () => {
    throw new Error('store unreachable');
  };
  serveLimits(new IpcPeer(ports.primary, clusterProtocol), { rateLimiter: new MemoryRateLimiter(), budgetGuard: new MemoryBudgetGuard({ failures, loadSpend }) });
  const service = createIpcLimits(new IpcPeer(ports.worker, clusterProtocol), { budgetFailOpen: true, warn: () => {} });
  await assert.rejects(service.budgetGuard.reserve('key-1', budget, hold, Date.now()), { status: 503, code: 'limits_unavailable' });
  assert.equal(failures.count, 1, 'counted where it happened, in the primary');
  assert.equal(service.failures.count, 0);
});

test('through the lease desk (how workers admit): a dead primary fails rate limits open and budgets closed, as above', async (t) => {
  for (const budgetFailOpen of [false, true]) {
    const { ports, service } = worker({ timeoutMs: 5_000, budgetFailOpen });
    t.after(() => ports.close());
    ports.close();
    const lease = service.lease;
    assert.ok(lease !== undefined);
    const ask = { keyId: 'key-1', limits, estimatedTokens: 10, budget: null, hold };
    assert.deepEqual(await lease.admit(ask, Date.now()), { rate: { allowed: true, degraded: true, requests: null, tokens: null }, budget: null });
    const budgeted = lease.admit({ ...ask, limits: null, budget }, Date.now());
    if (budgetFailOpen) {
      const answers = await budgeted;
      assert.equal(answers.budget?.allowed === true && answers.budget.reservation.held, false, 'let through, holding nothing');
    } else {
      await assert.rejects(budgeted, (error: unknown) => error instanceof GatewayError && error.status === 503 && error.code === 'limits_unavailable');
    }
    await service.close();
  }
});
