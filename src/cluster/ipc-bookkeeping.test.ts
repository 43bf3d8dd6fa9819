import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BackendFailures } from '../limits/backend-failures.js';
import { MemoryBudgetGuard } from '../limits/memory-budget-guard.js';
import { MemoryRateLimiter } from '../limits/memory-rate-limiter.js';
import { clusterProtocol } from './cluster-protocol.js';
import { createIpcLimits } from './create-ipc-limits.js';
import { IpcPeer } from './ipc-channel.js';
import { serveLimits } from './serve-limits.js';
import { messageChannelPorts } from './testing/message-channel-ports.js';

const budget = { budgetUsd: 5, period: 'day' } as const;

function cluster() {
  const ports = messageChannelPorts();
  let writes = 0;
  let messages = 0;
  const count = (message: object): number => ('messages' in message && Array.isArray(message.messages) ? message.messages.length : 1);
  const counted = {
    ...ports.worker,
    send: (message: object, onFailure: (error: Error) => void) => ((writes += 1), (messages += count(message)), ports.worker.send(message, onFailure)),
  };
  const failures = new BackendFailures(() => undefined);
  const primary = { rateLimiter: new MemoryRateLimiter(), budgetGuard: new MemoryBudgetGuard({ failures }) };
  serveLimits(new IpcPeer(ports.primary, clusterProtocol), primary);
  const worker = createIpcLimits(new IpcPeer(counted, clusterProtocol), { warn: () => undefined });
  return { ports, primary, worker, writes: () => writes, messages: () => messages };
}

test("a turn's token records and settlements travel in one pipe write, and are applied before their promises resolve", async (t) => {
  const { ports, primary, worker, writes, messages } = cluster();
  t.after(() => ports.close());
  const now = Date.now();
  const reservations = await Promise.all(
    Array.from({ length: 20 }, () => worker.budgetGuard.reserve('key-1', budget, { amountUsd: 0.1, capToRemaining: false }, now)),
  );
  const [writesBefore, messagesBefore] = [writes(), messages()];
  await Promise.all([
    ...reservations.map((decision) => {
      assert.ok(decision.allowed && decision.reservation);
      return worker.budgetGuard.settle(decision.reservation, 0.05, now);
    }),
    ...Array.from({ length: 20 }, () => worker.rateLimiter.recordTokens('key-1', 50, now)),
  ]);
  assert.equal(writes() - writesBefore, 1, 'forty bookkeeping entries, one write');
  assert.equal(messages() - messagesBefore, 1, 'and one call in it, answered once');
  // The primary holds nothing any more and has counted every settled cent and every token.
  const spent = await primary.budgetGuard.reserve('key-1', budget, { amountUsd: 4, capToRemaining: false }, now);
  assert.equal(spent.allowed, true, '20 × $0.05 = $1 spent, so $4 more fits');
  const over = await primary.budgetGuard.reserve('key-1', budget, { amountUsd: 0.5, capToRemaining: false }, now);
  assert.equal(over.allowed, false, '$1 spent + $4 held leaves no room for $0.50');
  const tokens = await primary.rateLimiter.admit('key-1', { rpm: null, tpm: 1000 }, 1, now);
  assert.equal(tokens.allowed, false, '20 × 50 = 1000 tokens already counted in the window');
});

test('tokens of one key in one second travel as one sum, and so do the holds drawn from one lease block', async (t) => {
  const { ports, primary, worker } = cluster();
  t.after(() => ports.close());
  const sent: unknown[] = [];
  primary.budgetGuard.reserveNow('key-1', budget, { amountUsd: 2, capToRemaining: false }, Date.now());
  const block = primary.budgetGuard.reserveNow('key-1', budget, { amountUsd: 1, capToRemaining: false }, Date.now());
  assert.ok(block?.allowed);
  const original = primary.budgetGuard.settle.bind(primary.budgetGuard);
  primary.budgetGuard.settle = async (reservation, actualUsd, now) => {
    sent.push({ amountUsd: reservation.amountUsd, actualUsd });
    return original(reservation, actualUsd, now);
  };
  const now = Math.floor(Date.now() / 1000) * 1000 + 100;
  const drawn = { ...block.reservation, id: 'lease#1', amountUsd: 0.01, block: block.reservation.id };
  await Promise.all([
    ...Array.from({ length: 50 }, () => worker.budgetGuard.settle(drawn, 0.008, now)),
    ...Array.from({ length: 50 }, () => worker.rateLimiter.recordTokens('key-1', 20, now)),
  ]);
  assert.equal(sent.length, 1, 'one settlement for fifty draws');
  const [settled] = sent as Array<{ amountUsd: number; actualUsd: number }>;
  assert.ok(Math.abs((settled?.amountUsd ?? 0) - 0.5) < 1e-9 && Math.abs((settled?.actualUsd ?? 0) - 0.4) < 1e-9, JSON.stringify(settled));
  // The block shrank by the fifty holds, and their cost is spent: $5 − $2 held − $0.50 left in the block − $0.40 spent.
  assert.ok(Math.abs((primary.budgetGuard.remainingUsdNow('key-1', budget, now) ?? 0) - 2.1) < 1e-9);
  const window = primary.rateLimiter.admitNow('key-1', { rpm: null, tpm: 1001 }, 1, now);
  assert.equal(window.tokens?.used, 1000, 'the fifty records, summed');
});
