/**
 * The BudgetGuard of a cluster worker without Redis: reservations are held in the primary's memory
 * guard, so concurrent calls on every worker draw on one budget. The primary applies its own policy
 * when its spend loader fails (a GatewayError crosses the channel as it is); when the channel itself
 * fails, this guard applies the same one: closed (503) by default, open with `failOpen`.
 */
import { randomUUID } from 'node:crypto';
import { GatewayError } from '../core/errors.js';
import type { BudgetDecision, BudgetGuard, BudgetLimit, BudgetPeriod, HoldRequest, Reservation } from '../limits/budget-guard.js';
import { DEFAULT_RESERVATION_TTL_MS, failReserve, grant, type BudgetGuardOptions } from '../limits/budget-policy.js';
import type { ClusterPeer } from './cluster-protocol.js';
import type { IpcBookkeeping } from './ipc-bookkeeping.js';

export type IpcBudgetGuardOptions = Pick<BudgetGuardOptions, 'failOpen' | 'failures' | 'reservationTtlMs'>;

export class IpcBudgetGuard implements BudgetGuard {
  private readonly instanceId = randomUUID();
  private sequence = 0;

  constructor(
    private readonly peer: ClusterPeer,
    private readonly options: IpcBudgetGuardOptions,
    private readonly bookkeeping: IpcBookkeeping,
  ) {}

  async reserve(keyId: string, limit: BudgetLimit, hold: HoldRequest, now: number): Promise<BudgetDecision> {
    if (limit.budgetUsd === null) return this.unheld(keyId, limit, hold, now);
    try {
      return await this.peer.call('budget.reserve', { keyId, limit, hold, now });
    } catch (error) {
      return this.failedReserve(error, keyId, limit, hold, now);
    }
  }

  /**
   * What a reserve the primary could not answer comes to (also for the lease desk's asks): the
   * primary's own refusal stands; a failed channel is open or closed as configured.
   */
  failedReserve(error: unknown, keyId: string, limit: BudgetLimit, hold: HoldRequest, now: number): BudgetDecision {
    // The primary decided (its store is down and budgets fail closed): its answer stands.
    if (error instanceof GatewayError) throw error;
    return failReserve(this.options, error, () => this.unheld(keyId, limit, hold, now));
  }

  async settle(reservation: Reservation, actualUsd: number, now: number): Promise<void> {
    if (!reservation.tracked) return;
    await this.bookkeeping.settle({ reservation, actualUsd, now });
  }

  async seed(keyId: string, period: BudgetPeriod | null, periodStartMs: number, spendUsd: number): Promise<void> {
    try {
      await this.peer.call('budget.seed', { keyId, period, periodStartMs, spendUsd });
    } catch (error) {
      this.options.failures.report('budget seed', 'skipped', error);
    }
  }

  /** A grant that holds nothing: no budget to check, or the channel failed open. */
  private unheld(keyId: string, limit: BudgetLimit, hold: HoldRequest, now: number): BudgetDecision {
    this.sequence += 1;
    const expiresAt = now + (this.options.reservationTtlMs ?? DEFAULT_RESERVATION_TTL_MS);
    return grant(`${this.instanceId}:${this.sequence}`, keyId, limit, hold.amountUsd, expiresAt, false);
  }
}
