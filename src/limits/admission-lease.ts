/**
 * Admission from a lease: a cluster worker answers most calls itself, from request slots, a token
 * allowance and a budget block the primary granted it for a second, and asks the primary (which
 * grants the next lease with its answer) only when the lease cannot answer. See lease-desk.ts and
 * lease-grantor.ts in src/cluster.
 */
import type { BudgetDecision, BudgetLimit, HoldRequest, Reservation } from './budget-guard.js';
import type { RateLimitDecision, RateLimits } from './rate-limiter.js';

/** What one call asks of a key's limits: null where the key has no limit of that kind. */
export interface LimitAsk {
  keyId: string;
  limits: RateLimits | null;
  estimatedTokens: number;
  budget: BudgetLimit | null;
  hold: HoldRequest;
}

/** Both answers, null where nothing was asked. */
export interface LimitAnswers {
  rate: RateLimitDecision | null;
  budget: BudgetDecision | null;
}

export interface AdmissionLease {
  /** Both answers from the lease in hand, or undefined when it cannot answer (none, spent, expired, other limits). */
  admitNow(ask: LimitAsk, now: number): LimitAnswers | undefined;
  /** Asks the shared limits, which decide this call exactly and may grant the next lease. */
  admit(ask: LimitAsk, now: number): Promise<LimitAnswers>;
  /**
   * After a call either admitted: its actual tokens (null: the key has no tpm) and the settlement of
   * its budget hold, queued for the shared limits. Nothing waits for them.
   */
  settle(keyId: string, tokens: number | null, reservation: Reservation | null, actualUsd: number, now: number): void;
}
