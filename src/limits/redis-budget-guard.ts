import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { BudgetDecision, BudgetGuard, BudgetLimit, BudgetPeriod, HoldRequest, Reservation } from './budget-guard.js';
import { reserveScript, settleScript } from './budget-scripts.js';
import { currentSpan, DEFAULT_RESERVATION_TTL_MS, failReserve, grant, refuse, type BudgetGuardOptions } from './budget-policy.js';
import { fromNanoUsd, toNanoUsd } from './nano-usd.js';
import { periodEnd } from './period-start.js';
import { assertReachable, integerReply } from './redis-script.js';

export interface RedisBudgetGuardOptions extends BudgetGuardOptions {
  /** Namespace of every key; tests use a unique one per run. */
  keyPrefix?: string;
}

/** Spend keys outlive their period by this much, for instances whose clocks lag a little. */
const SPEND_TTL_MARGIN_MS = 60 * 60_000;

/**
 * The budget guard shared by every gateway instance. Committed spend lives in one key per key and
 * period (expiring after the period); reservations in one sorted set per key, scored by expiry.
 * Fails closed by default (see BudgetGuardOptions.failOpen).
 */
export class RedisBudgetGuard implements BudgetGuard {
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly instanceId = randomUUID();
  private sequence = 0;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisBudgetGuardOptions,
  ) {
    this.prefix = options.keyPrefix ?? 'switchyard:';
    this.ttlMs = options.reservationTtlMs ?? DEFAULT_RESERVATION_TTL_MS;
  }

  async reserve(keyId: string, limit: BudgetLimit, hold: HoldRequest, now: number): Promise<BudgetDecision> {
    const estimateUsd = hold.amountUsd;
    this.sequence += 1;
    const id = `${this.instanceId}:${this.sequence}`;
    const expiresAt = now + this.ttlMs;
    const budgetUsd = limit.budgetUsd;
    if (budgetUsd === null) return grant(id, keyId, limit, estimateUsd, expiresAt, false);
    const { start } = currentSpan(limit.period, now);
    const spendKey = this.spendKey(keyId, limit.period, start);
    const keys = [spendKey, this.heldKey(keyId)];
    const run = async (requireSeed: boolean): Promise<number[]> => {
      const args = [now, toNanoUsd(budgetUsd), toNanoUsd(estimateUsd), id, expiresAt, this.ttlMs, requireSeed ? 1 : 0, hold.capToRemaining ? 1 : 0];
      return integerReply(await reserveScript.run(this.redis, keys, args), 4);
    };
    try {
      const loadSpend = this.options.loadSpend;
      let [status, spentNanos, heldNanos, holdNanos] = await run(loadSpend !== undefined);
      if (status === -1 && loadSpend !== undefined) {
        await this.writeSeed(spendKey, limit.period, start, await loadSpend(keyId, limit.period, start));
        [status, spentNanos, heldNanos, holdNanos] = await run(false);
      }
      // The hold may be capped below the estimate; settle() names the member by the amount held.
      if (status === 1) return grant(id, keyId, limit, fromNanoUsd(holdNanos ?? 0), expiresAt, true);
      return refuse(limit, budgetUsd, spentNanos ?? 0, heldNanos ?? 0, estimateUsd, now);
    } catch (error) {
      return failReserve(this.options, error, () => grant(id, keyId, limit, estimateUsd, expiresAt, false));
    }
  }

  async settle(reservation: Reservation, actualUsd: number, now: number): Promise<void> {
    if (!reservation.tracked) return;
    const { start } = currentSpan(reservation.period, now);
    const end = periodEnd(reservation.period, now);
    const keys = [this.spendKey(reservation.keyId, reservation.period, start), this.heldKey(reservation.keyId)];
    const args = [
      `${reservation.id}:${toNanoUsd(reservation.amountUsd)}`,
      toNanoUsd(actualUsd),
      end === null ? -1 : end - now + SPEND_TTL_MARGIN_MS,
      this.options.loadSpend === undefined ? 1 : 0,
    ];
    try {
      await settleScript.run(this.redis, keys, args);
    } catch (error) {
      // The cost still reaches the database through the usage recorder; the hold expires by TTL.
      this.options.failures.report('budget settle', 'skipped', error);
    }
  }

  async seed(keyId: string, period: BudgetPeriod | null, periodStartMs: number, spendUsd: number): Promise<void> {
    try {
      await this.writeSeed(this.spendKey(keyId, period, periodStartMs), period, periodStartMs, spendUsd);
    } catch (error) {
      // A later reserve loads the spend itself when a loader is configured.
      this.options.failures.report('budget seed', 'skipped', error);
    }
  }

  /** NX: the first instance to seed a period wins; the others' figures are ignored, never added. */
  private async writeSeed(key: string, period: BudgetPeriod | null, periodStartMs: number, spendUsd: number): Promise<void> {
    assertReachable(this.redis);
    const nanos = toNanoUsd(spendUsd);
    const end = periodEnd(period, periodStartMs);
    if (end === null) await this.redis.set(key, nanos, 'NX');
    else await this.redis.set(key, nanos, 'PX', end - periodStartMs + SPEND_TTL_MARGIN_MS, 'NX');
  }

  private spendKey(keyId: string, period: BudgetPeriod | null, start: number): string {
    return `${this.prefix}budget:{${keyId}}:spent:${period ?? 'lifetime'}:${start}`;
  }

  private heldKey(keyId: string): string {
    return `${this.prefix}budget:{${keyId}}:held`;
  }
}
