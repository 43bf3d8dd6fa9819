/**
 * The RateLimiter of a cluster worker without Redis: every check runs in the primary's memory
 * limiter, so one window serves all workers and an rpm of 10 admits exactly 10 across them. A
 * channel that fails (primary gone, or no answer within the timeout) fails open, as Redis does.
 */
import type { BackendFailures } from '../limits/backend-failures.js';
import { buildDecision, degradedDecision } from '../limits/rate-limit-decision.js';
import type { RateLimitDecision, RateLimiter, RateLimits } from '../limits/rate-limiter.js';
import type { ClusterPeer } from './cluster-protocol.js';
import type { IpcBookkeeping } from './ipc-bookkeeping.js';

export class IpcRateLimiter implements RateLimiter {
  constructor(
    private readonly peer: ClusterPeer,
    private readonly failures: BackendFailures,
    private readonly bookkeeping: IpcBookkeeping,
  ) {}

  async admit(keyId: string, limits: RateLimits, estimatedTokens: number, now: number): Promise<RateLimitDecision> {
    // Nothing to count: answered here, as the memory limiter answers it.
    if (limits.rpm === null && limits.tpm === null) return buildDecision(null, null, Math.max(0, Math.round(estimatedTokens)));
    try {
      return await this.peer.call('rate.admit', { keyId, limits, estimatedTokens, now });
    } catch (error) {
      return this.failedAdmit(error);
    }
  }

  /** A check the primary could not answer (also for the lease desk's asks): admitted, degraded. */
  failedAdmit(error: unknown): RateLimitDecision {
    this.failures.report('rate limit check', 'failed open', error);
    return degradedDecision();
  }

  async recordTokens(keyId: string, tokens: number, now: number): Promise<void> {
    if (Math.round(tokens) <= 0) return;
    await this.bookkeeping.recordTokens({ keyId, tokens, now });
  }
}
