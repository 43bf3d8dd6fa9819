import { randomUUID } from 'node:crypto';
import type { BudgetDecision, BudgetGuard, BudgetLimit, BudgetPeriod, HoldRequest, Reservation } from './budget-guard.js';
import { currentSpan, DEFAULT_RESERVATION_TTL_MS, failReserve, grant, holdNanos, refuse, spanOf, type BudgetGuardOptions } from './budget-policy.js';
import { fromNanoUsd, toNanoUsd } from './nano-usd.js';
import { periodEnd } from './period-start.js';

interface Spend {
  nanos: number;
  /** Null for a lifetime budget. */
  endsAt: number | null;
}

interface Hold {
  nanos: number;
  expiresAt: number;
}

/**
 * The single-process budget guard. The check and the hold run synchronously after any await, which
 * makes them atomic on Node's one thread. Spend of ended periods is dropped
 * the next time the key is used.
 */
export class MemoryBudgetGuard implements BudgetGuard {
  /** keyId → period span → committed spend; reserve() drops periods that have ended (Redis: TTL). */
  private readonly spent = new Map<string, Map<string, Spend>>();
  private readonly holds = new Map<string, Map<string, Hold>>();
  private readonly instanceId = randomUUID();
  private sequence = 0;
  private readonly ttlMs: number;

  constructor(private readonly options: BudgetGuardOptions) {
    this.ttlMs = options.reservationTtlMs ?? DEFAULT_RESERVATION_TTL_MS;
  }

  async reserve(keyId: string, limit: BudgetLimit, hold: HoldRequest, now: number): Promise<BudgetDecision> {
    const estimateUsd = hold.amountUsd;
    this.sequence += 1;
    const id = `${this.instanceId}:${this.sequence}`;
    const expiresAt = now + this.ttlMs;
    if (limit.budgetUsd === null) return grant(id, keyId, limit, estimateUsd, expiresAt, false);
    const { start, span } = currentSpan(limit.period, now);
    const loadSpend = this.options.loadSpend;
    if (loadSpend !== undefined && this.spent.get(keyId)?.has(span) !== true) {
      try {
        this.seedSpan(keyId, limit.period, start, toNanoUsd(await loadSpend(keyId, limit.period, start)));
      } catch (error) {
        return failReserve(this.options, error, () => grant(id, keyId, limit, estimateUsd, expiresAt, false));
      }
    }
    // No await from here on: check and hold are one step.
    const holds = this.holdsOf(keyId);
    let heldNanos = 0;
    for (const [holdId, hold] of holds) {
      if (hold.expiresAt <= now) holds.delete(holdId);
      else heldNanos += hold.nanos;
    }
    const spans = this.spent.get(keyId);
    for (const [other, spend] of spans ?? []) if (spend.endsAt !== null && spend.endsAt <= now) spans?.delete(other);
    const spentNanos = spans?.get(span)?.nanos ?? 0;
    const nanos = holdNanos(toNanoUsd(limit.budgetUsd), spentNanos, heldNanos, toNanoUsd(estimateUsd), hold.capToRemaining);
    if (nanos === null) return refuse(limit, limit.budgetUsd, spentNanos, heldNanos, estimateUsd, now);
    holds.set(id, { nanos, expiresAt });
    return grant(id, keyId, limit, fromNanoUsd(nanos), expiresAt, true);
  }

  async settle(reservation: Reservation, actualUsd: number, now: number): Promise<void> {
    if (!reservation.tracked) return;
    const holds = this.holds.get(reservation.keyId);
    holds?.delete(reservation.id);
    if (holds?.size === 0) this.holds.delete(reservation.keyId);
    const nanos = toNanoUsd(actualUsd);
    if (nanos === 0) return;
    const { start, span } = currentSpan(reservation.period, now);
    const spend = this.spent.get(reservation.keyId)?.get(span);
    if (spend !== undefined) spend.nanos += nanos;
    // With a loader, a period not loaded yet is read from the database on the next reserve (which
    // will include this call once the usage recorder has written it); without one, it starts here.
    else if (this.options.loadSpend === undefined) this.seedSpan(reservation.keyId, reservation.period, start, nanos);
  }

  async seed(keyId: string, period: BudgetPeriod | null, periodStartMs: number, spendUsd: number): Promise<void> {
    this.seedSpan(keyId, period, periodStartMs, toNanoUsd(spendUsd));
  }

  /** Set-if-absent for this period, like Redis SET NX. */
  private seedSpan(keyId: string, period: BudgetPeriod | null, start: number, nanos: number): void {
    const spans = this.spansOf(keyId);
    const span = spanOf(period, start);
    if (!spans.has(span)) spans.set(span, { nanos, endsAt: periodEnd(period, start) });
  }

  private spansOf(keyId: string): Map<string, Spend> {
    let spans = this.spent.get(keyId);
    if (spans === undefined) {
      spans = new Map();
      this.spent.set(keyId, spans);
    }
    return spans;
  }

  private holdsOf(keyId: string): Map<string, Hold> {
    let holds = this.holds.get(keyId);
    if (holds === undefined) {
      holds = new Map();
      this.holds.set(keyId, holds);
    }
    return holds;
  }
}
