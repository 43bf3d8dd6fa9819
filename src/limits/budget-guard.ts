/**
 * Per-key USD budgets with in-flight reservations, so that concurrent calls cannot together spend
 * past the budget. Implementations: memory-budget-guard.ts and redis-budget-guard.ts (shared by every
 * instance); both pass limits.case.ts.
 */

export type BudgetPeriod = 'day' | 'week' | 'month';

export interface BudgetLimit {
  /** Null means the key has no budget: reserve() admits without touching the backend. */
  budgetUsd: number | null;
  /** Null means the budget never resets (a lifetime budget). */
  period: BudgetPeriod | null;
}

/** The handle reserve() returns; pass it to settle() exactly once when the call ends. */
export interface Reservation {
  readonly id: string;
  readonly keyId: string;
  readonly period: BudgetPeriod | null;
  /** What is held: the requested amount, or less when the hold was capped to what remained. */
  readonly amountUsd: number;
  /** Reservations never settled (crashed process, lost handle) stop holding budget at this time. */
  readonly expiresAt: number;
  /** False when the key has no budget: settle() then has nothing to count. */
  readonly tracked: boolean;
  /** False when nothing is held in the backend (no budget, or the guard failed open). */
  readonly held: boolean;
  /**
   * Set when this hold was taken from a larger one (a cluster worker's lease, lease-desk.ts): the id
   * of that block, which settling shrinks by amountUsd instead of releasing a hold of its own.
   */
  readonly block?: string;
}

export interface BudgetStatus {
  budgetUsd: number;
  /** Committed spend of the current period. */
  spentUsd: number;
  /** Held by calls in flight (reserved, not yet settled). */
  reservedUsd: number;
  period: BudgetPeriod | null;
  /** When the period resets (ms since epoch); null for a lifetime budget. */
  resetsAt: number | null;
}

export interface BudgetGranted {
  allowed: true;
  reservation: Reservation;
}

export interface BudgetRefused {
  allowed: false;
  status: BudgetStatus;
  estimateUsd: number;
  /**
   * budgetUsd − spent − held at the moment of the check (never below 0), so the caller can say what
   * the key could still afford; the guard itself knows nothing of prices or tokens.
   */
  remainingUsd: number;
}

/** What reserve() is asked to hold. */
export interface HoldRequest {
  /** The call's estimated cost. */
  amountUsd: number;
  /**
   * True: hold min(amountUsd, what remains), so the call is admitted whenever anything at all
   * remains (for estimates that are guesses). False: admit only if all of amountUsd fits (for
   * estimates the client bounded itself, with max_tokens).
   */
  capToRemaining: boolean;
}

export type BudgetDecision = BudgetGranted | BudgetRefused;

/** Reads a key's committed spend for a period from the database (the usage store computes it). */
export type SpendLoader = (keyId: string, period: BudgetPeriod | null, periodStartMs: number) => Promise<number>;

/** reserve() and settle() answered at once, for a guard whose state lives in this process (memory-budget-guard.ts). */
export interface ImmediateBudgetGuard {
  /** The same decision as reserve(), or undefined when this one must wait (the period's spend is not loaded yet). */
  reserveNow(keyId: string, limit: BudgetLimit, hold: HoldRequest, now: number): BudgetDecision | undefined;
  settleNow(reservation: Reservation, actualUsd: number, now: number): void;
}

export interface BudgetGuard {
  /** Set when the guard can answer without waiting; absent for a shared one (Redis, the cluster's primary). */
  readonly immediate?: ImmediateBudgetGuard;
  /**
   * Always refuses when committed spend + reservations in flight already reach budgetUsd (even for
   * an amount of 0). Otherwise, with capToRemaining, holds min(amountUsd, what remains); without it,
   * refuses when spent + held + amountUsd > budgetUsd and holds amountUsd. The hold lasts until
   * settle() or until the reservation expires. The check and the hold are one atomic step, so holds
   * never sum past the budget and N concurrent calls can together commit at most the budget plus what
   * their actual costs exceed their holds by.
   */
  reserve(keyId: string, limit: BudgetLimit, hold: HoldRequest, now: number): Promise<BudgetDecision>;
  /** Releases the hold and adds actualUsd to the committed spend of the period current at `now`. */
  settle(reservation: Reservation, actualUsd: number, now: number): Promise<void>;
  /**
   * Loads a key's committed spend for a period (at startup, from the database). Only takes effect when
   * nothing is recorded for that period yet, so several instances seeding at once do not add up.
   */
  seed(keyId: string, period: BudgetPeriod | null, periodStartMs: number, spendUsd: number): Promise<void>;
}
