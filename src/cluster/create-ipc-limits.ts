/** A worker's Limits when the primary holds them (no Redis): leases answered here, the rest over IPC. */
import { BackendFailures } from '../limits/backend-failures.js';
import type { Limits } from '../limits/create-limits.js';
import type { ClusterPeer } from './cluster-protocol.js';
import { IpcBookkeeping } from './ipc-bookkeeping.js';
import { IpcBudgetGuard } from './ipc-budget-guard.js';
import { IpcRateLimiter } from './ipc-rate-limiter.js';
import { LeaseDesk } from './lease-desk.js';

export interface IpcLimitsOptions {
  reservationTtlMs?: number;
  budgetFailOpen?: boolean;
  warn?: (message: string) => void;
}

export function createIpcLimits(peer: ClusterPeer, options: IpcLimitsOptions = {}): Limits {
  const failures = new BackendFailures(options.warn ?? ((message) => console.warn(message)));
  // One batch for both: a call's tokens and its cost travel together.
  const bookkeeping = new IpcBookkeeping(peer, failures);
  const rateLimiter = new IpcRateLimiter(peer, failures, bookkeeping);
  const budgetGuard = new IpcBudgetGuard(
    peer,
    {
      failures,
      failOpen: options.budgetFailOpen ?? false,
      ...(options.reservationTtlMs === undefined ? {} : { reservationTtlMs: options.reservationTtlMs }),
    },
    bookkeeping,
  );
  const lease = new LeaseDesk(peer, bookkeeping, { rateLimiter, budgetGuard });
  return {
    rateLimiter,
    budgetGuard,
    lease,
    failures,
    // The channel belongs to the worker link, which closes it.
    close: async () => lease.close(),
  };
}
