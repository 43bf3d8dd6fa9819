import type { BackendFailures } from './backend-failures.js';
import type { BudgetDecision, BudgetLimit, BudgetPeriod, BudgetRefused, Reservation, SpendLoader } from './budget-guard.js';
import { limitsUnavailableError } from './limit-errors.js';
import { fromNanoUsd, toNanoUsd } from './nano-usd.js';
import { periodEnd, periodStart } from './period-start.js';

/** What both budget guards share: options, the reservation handle, the failure policy. */
export interface BudgetGuardOptions {
  /**
   * How long an unsettled reservation holds budget. It must outlast the longest call (routing
   * timeout_ms, 10 min by default) or a slow call's hold would vanish while it still runs; the default
   * adds one minute of margin. Only a crashed process or a lost handle ever reaches it.
   */
  reservationTtlMs?: number;
  /**
   * Loads committed spend from the database when nothing is recorded for the current period: a key
   * first used after startup, a new period, or a Redis that restarted empty or evicted the key. Without
   * it, an unrecorded period counts from zero and only seed() (at startup) brings in earlier spend.
   */
  loadSpend?: SpendLoader;
  /**
   * When the budget store (Redis, or the spend loader's database) fails: false (default) refuses the
   * call with a 503 so an outage cannot turn into unbounded spend; true lets it through unchecked.
   */
  failOpen?: boolean;
  failures: BackendFailures;
}

export const DEFAULT_RESERVATION_TTL_MS = 11 * 60_000;

/**
 * The reserve rule both guards apply (budget-scripts.ts is its Lua twin), in nano-USD: how much to
 * hold, or null to refuse. A call must always find at least one nano-dollar free, so a budget
 * already at its limit refuses even calls estimated at $0 (as a full TPM window refuses an estimate
 * of 0). A capped hold takes what remains when that is less than the amount; a strict one must fit.
 */
export function holdNanos(budget: number, spent: number, held: number, amount: number, capToRemaining: boolean): number | null {
  const remaining = budget - spent - held;
  const needed = capToRemaining ? 1 : Math.max(amount, 1);
  return needed > remaining ? null : Math.min(amount, remaining);
}

/** A reservation's identity within the budget: its period kind and start ("day:1736899200000"). */
export function spanOf(period: BudgetPeriod | null, start: number): string {
  return `${period ?? 'lifetime'}:${start}`;
}

export function currentSpan(period: BudgetPeriod | null, now: number): { start: number; span: string } {
  const start = periodStart(period, now);
  return { start, span: spanOf(period, start) };
}

export function grant(
  id: string,
  keyId: string,
  limit: BudgetLimit,
  amountUsd: number,
  expiresAt: number,
  held: boolean,
): BudgetDecision {
  const reservation: Reservation = {
    id,
    keyId,
    period: limit.period,
    amountUsd,
    expiresAt,
    tracked: limit.budgetUsd !== null,
    held,
  };
  return { allowed: true, reservation };
}

export function refuse(limit: BudgetLimit, budgetUsd: number, spentNanos: number, heldNanos: number, estimateUsd: number, now: number): BudgetRefused {
  return {
    allowed: false,
    estimateUsd,
    remainingUsd: fromNanoUsd(Math.max(0, toNanoUsd(budgetUsd) - spentNanos - heldNanos)),
    status: {
      budgetUsd,
      spentUsd: fromNanoUsd(spentNanos),
      reservedUsd: fromNanoUsd(heldNanos),
      period: limit.period,
      resetsAt: periodEnd(limit.period, now),
    },
  };
}

/** Applies the fail-open/closed choice to a backend failure during reserve(). */
export function failReserve(
  options: Pick<BudgetGuardOptions, 'failOpen' | 'failures'>,
  error: unknown,
  openDecision: () => BudgetDecision,
): BudgetDecision {
  if (options.failOpen === true) {
    options.failures.report('budget check', 'failed open', error);
    return openDecision();
  }
  options.failures.report('budget check', 'failed closed', error);
  throw limitsUnavailableError(error);
}
