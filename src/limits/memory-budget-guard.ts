import { randomUUID } from 'node:crypto';
import type { BudgetDecision, BudgetGuard, BudgetLimit, BudgetPeriod, HoldRequest, ImmediateBudgetGuard, Reservation } from './budget-guard.js';
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
export class MemoryBudgetGuard implements BudgetGuard, ImmediateBudgetGuard {
  /** keyId → period span → committed spend; reserve() drops periods that have ended (Redis: TTL). */
  private readonly spent = new Map<string, Map<string, Spend>>();
  private readonly holds = new Map<string, Map<string, Hold>>();
  private readonly instanceId = randomUUID();
  private sequence = 0;
  private readonly ttlMs: number;
  readonly immediate: ImmediateBudgetGuard = this;

  constructor(private readonly options: BudgetGuardOptions) {
    this.ttlMs = options.reservationTtlMs ?? DEFAULT_RESERVATION_TTL_MS;
  }

  async reserve(keyId: string, limit: BudgetLimit, hold: HoldRequest, now: number): Promise<BudgetDecision> {
    const ready = this.reserveNow(keyId, limit, hold, now);
    if (ready !== undefined) return ready;
    const { start } = currentSpan(limit.period, now);
    try {
      this.seedSpan(keyId, limit.period, start, toNanoUsd(await this.loadSpend(keyId, limit.period, start)));
    } catch (error) {
      return failReserve(this.options, error, () => grant(this.nextId(), keyId, limit, hold.amountUsd, now + this.ttlMs, false));
    }
    // Loaded (or seeded meanwhile by a call that got there first): the check and the hold are one step from here.
    return this.reserveNow(keyId, limit, hold, now) ?? grant(this.nextId(), keyId, limit, hold.amountUsd, now + this.ttlMs, false);
  }

  reserveNow(keyId: string, limit: BudgetLimit, hold: HoldRequest, now: number): BudgetDecision | undefined {
    const estimateUsd = hold.amountUsd;
    const expiresAt = now + this.ttlMs;
    if (limit.budgetUsd === null) return grant(this.nextId(), keyId, limit, estimateUsd, expiresAt, false);
    const { span } = currentSpan(limit.period, now);
    if (!this.loaded(keyId, span)) return undefined;
    const { spentNanos, heldNanos } = this.tally(keyId, span, now);
    const nanos = holdNanos(toNanoUsd(limit.budgetUsd), spentNanos, heldNanos, toNanoUsd(estimateUsd), hold.capToRemaining);
    if (nanos === null) return refuse(limit, limit.budgetUsd, spentNanos, heldNanos, estimateUsd, now);
    const id = this.nextId();
    this.holdsOf(keyId).set(id, { nanos, expiresAt });
    return grant(id, keyId, limit, fromNanoUsd(nanos), expiresAt, true);
  }

  /** What the key could still hold now (budget − spent − held), or undefined while its spend is not loaded. */
  remainingUsdNow(keyId: string, limit: BudgetLimit, now: number): number | undefined {
    if (limit.budgetUsd === null) return undefined;
    const { span } = currentSpan(limit.period, now);
    if (!this.loaded(keyId, span)) return undefined;
    const { spentNanos, heldNanos } = this.tally(keyId, span, now);
    return fromNanoUsd(Math.max(0, toNanoUsd(limit.budgetUsd) - spentNanos - heldNanos));
  }

  /** Holds less: a lease's block gives back what it will not use, or what a call drawn from it used. */
  shrinkHoldNow(keyId: string, holdId: string, usd: number): void {
    const holds = this.holds.get(keyId);
    const held = holds?.get(holdId);
    if (holds === undefined || held === undefined) return;
    held.nanos -= toNanoUsd(usd);
    if (held.nanos > 0) return;
    holds.delete(holdId);
    if (holds.size === 0) this.holds.delete(keyId);
  }

  /** With a loader, a period's spend comes from the database first (reserve() waits for it). */
  private loaded(keyId: string, span: string): boolean {
    return this.options.loadSpend === undefined || this.spent.get(keyId)?.has(span) === true;
  }

  /** Drops expired holds and ended periods; the spend of `span` and what is held. */
  private tally(keyId: string, span: string, now: number): { spentNanos: number; heldNanos: number } {
    let heldNanos = 0;
    const holds = this.holds.get(keyId);
    for (const [holdId, held] of holds ?? []) {
      if (held.expiresAt <= now) holds?.delete(holdId);
      else heldNanos += held.nanos;
    }
    const spans = this.spent.get(keyId);
    for (const [other, spend] of spans ?? []) if (spend.endsAt !== null && spend.endsAt <= now) spans?.delete(other);
    return { spentNanos: spans?.get(span)?.nanos ?? 0, heldNanos };
  }

  async settle(reservation: Reservation, actualUsd: number, now: number): Promise<void> {
    this.settleNow(reservation, actualUsd, now);
  }

  settleNow(reservation: Reservation, actualUsd: number, now: number): void {
    if (!reservation.tracked) return;
    if (reservation.block === undefined) {
      const holds = this.holds.get(reservation.keyId);
      holds?.delete(reservation.id);
      if (holds?.size === 0) this.holds.delete(reservation.keyId);
    } else this.shrinkHoldNow(reservation.keyId, reservation.block, reservation.amountUsd);
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

  private nextId(): string {
    this.sequence += 1;
    return `${this.instanceId}:${this.sequence}`;
  }

  private loadSpend(keyId: string, period: BudgetPeriod | null, start: number): Promise<number> {
    const load = this.options.loadSpend;
    return load === undefined ? Promise.resolve(0) : load(keyId, period, start);
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
