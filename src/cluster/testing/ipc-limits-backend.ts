/**
 * The shared limits suite's backend for the cluster: the primary's memory limits served over a
 * channel per client, as each worker has its own pipe to the primary (src/limits/limits.case.ts).
 */
import { BackendFailures } from '../../limits/backend-failures.js';
import type { BudgetGuard } from '../../limits/budget-guard.js';
import type { LimitsBackend } from '../../limits/limits.case.js';
import { MemoryBudgetGuard } from '../../limits/memory-budget-guard.js';
import { MemoryRateLimiter } from '../../limits/memory-rate-limiter.js';
import { clusterProtocol, type ClusterPeer } from '../cluster-protocol.js';
import { IpcPeer } from '../ipc-channel.js';
import { IpcBookkeeping } from '../ipc-bookkeeping.js';
import { IpcBudgetGuard } from '../ipc-budget-guard.js';
import { IpcRateLimiter } from '../ipc-rate-limiter.js';
import { serveLimits } from '../serve-limits.js';
import { messageChannelPorts, type PortPair } from './message-channel-ports.js';

export function openIpcLimitsBackend(): LimitsBackend & { failures: BackendFailures } {
  const pairs: PortPair[] = [];
  const failures = new BackendFailures(() => {});
  const rateLimiter = new MemoryRateLimiter();
  const unusedGuard = new MemoryBudgetGuard({ failures });
  const connect = (budgetGuard: BudgetGuard): ClusterPeer => {
    const ports = messageChannelPorts();
    pairs.push(ports);
    serveLimits(new IpcPeer(ports.primary, clusterProtocol), { rateLimiter, budgetGuard });
    return new IpcPeer(ports.worker, clusterProtocol);
  };
  return {
    failures,
    rateLimiters: (count) =>
      Array.from({ length: count }, () => {
        const peer = connect(unusedGuard);
        return new IpcRateLimiter(peer, failures, new IpcBookkeeping(peer, failures));
      }),
    budgetGuards: (count, options) => {
      // One primary guard per call, with the options the case asks for; `count` workers on it.
      const guard = new MemoryBudgetGuard({ ...options, failures });
      const ttl = options?.reservationTtlMs === undefined ? {} : { reservationTtlMs: options.reservationTtlMs };
      return Array.from({ length: count }, () => {
        const peer = connect(guard);
        return new IpcBudgetGuard(peer, { failures, ...ttl }, new IpcBookkeeping(peer, failures));
      });
    },
    close: async () => {
      for (const ports of pairs.splice(0)) ports.close();
      if (failures.count > 0) throw new Error(`${failures.count} limit calls failed over the channel`);
    },
  };
}
