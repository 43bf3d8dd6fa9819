/** The primary's side of the shared limits: answers one worker's limit calls from the primary's memory limits. */
import type { BudgetGuard } from '../limits/budget-guard.js';
import type { RateLimiter } from '../limits/rate-limiter.js';
import type { ClusterPeer } from './cluster-protocol.js';
import type { LeaseGrantor, Revoke } from './lease-grantor.js';

/** The leases this worker may be granted, and how the primary takes a key's leases back. */
export interface LeaseService {
  grantor: LeaseGrantor;
  workerId: number;
  revoke: Revoke;
}

export function serveLimits(peer: ClusterPeer, limits: { rateLimiter: RateLimiter; budgetGuard: BudgetGuard }, leases?: LeaseService): void {
  const { rateLimiter, budgetGuard } = limits;
  peer.handle('rate.admit', (call) => rateLimiter.admit(call.keyId, call.limits, call.estimatedTokens, call.now));
  peer.handle('budget.reserve', (call) => budgetGuard.reserve(call.keyId, call.limit, call.hold, call.now));
  if (leases !== undefined) peer.handle('limits.admit', (call) => leases.grantor.admit(leases.workerId, call, leases.revoke));
  peer.handle('limits.bookkeeping', async ({ tokens, settlements, returns }) => {
    for (const returned of returns) leases?.grantor.giveBack(returned);
    await Promise.all([
      ...tokens.map((entry) => rateLimiter.recordTokens(entry.keyId, entry.tokens, entry.now)),
      ...settlements.map((entry) => budgetGuard.settle(entry.reservation, entry.actualUsd, entry.now)),
    ]);
    return null;
  });
  peer.handle('budget.seed', async (call) => {
    await budgetGuard.seed(call.keyId, call.period, call.periodStartMs, call.spendUsd);
    return null;
  });
}
