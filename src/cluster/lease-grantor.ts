/**
 * The primary's side of limit leases (lease-terms.ts). It decides each call a worker could not
 * answer itself exactly as one process would, from the primary's memory limits, and grants that
 * worker a lease for the key's next calls when the key has room to spare:
 *
 * - request slots: at most 1/(4 × workers) of what the RPM window has left, stamped at the lease's
 *   end, so no 60-second span can ever hold more than the rpm of admitted calls;
 * - a token allowance: at most 1/(4 × workers) of the TPM window's room;
 * - a budget block: one reservation of at most 1/(4 × workers) of what the budget has left, from
 *   which the worker's calls take their holds; settling a call shrinks the block by its hold.
 *
 * Near a limit the shares become too small to be worth a lease and every call is decided here, one
 * by one. Before refusing a call while leases of its key are out, the primary takes them back
 * (`revoke`) and decides again, so a key is never refused while a worker holds room for it unused.
 */
import { randomUUID } from 'node:crypto';
import type { MemoryBudgetGuard } from '../limits/memory-budget-guard.js';
import type { MemoryRateLimiter } from '../limits/memory-rate-limiter.js';
import type { LimitAnswers, LimitAsk } from '../limits/admission-lease.js';
import type { BudgetLimit, Reservation } from '../limits/budget-guard.js';
import { LEASE_MS, MIN_LEASE_CALLS, type LeaseGrant, type LeaseReturn } from './lease-terms.js';

export interface LeaseGrantorOptions {
  rateLimiter: MemoryRateLimiter;
  budgetGuard: MemoryBudgetGuard;
  /** Workers connected now: the share of a key's room one lease may take depends on it. */
  workers: () => number;
  leaseMs?: number;
}

export interface LeaseRequest {
  ask: LimitAsk;
  now: number;
  /** Slots the worker would like (0: no lease). */
  want: number;
  /** The worker's previous lease of this key, given back with the request. */
  returned: LeaseReturn | null;
}

/** Takes a key's leases back from the workers holding them: their returns (null where none came). */
export type Revoke = (workerIds: number[], keyId: string) => Promise<Array<LeaseReturn | null>>;

interface Outstanding {
  workerId: number;
  stampAt: number;
  slots: number;
  blockId: string | null;
}

export class LeaseGrantor {
  /** keyId → leaseId → what that lease holds. */
  private readonly outstanding = new Map<string, Map<string, Outstanding>>();
  private readonly instanceId = randomUUID().slice(0, 8);
  private sequence = 0;
  private readonly leaseMs: number;

  constructor(private readonly options: LeaseGrantorOptions) {
    this.leaseMs = options.leaseMs ?? LEASE_MS;
  }

  async admit(workerId: number, request: LeaseRequest, revoke: Revoke): Promise<LimitAnswers & { lease: LeaseGrant | null }> {
    const { ask, now, want } = request;
    if (request.returned !== null) this.giveBack(request.returned);
    let answers = await this.decide(ask, now, null);
    const holders = refused(answers) ? this.holders(ask.keyId) : [];
    if (holders.length > 0) {
      for (const returned of await revoke(holders, ask.keyId)) if (returned !== null) this.giveBack(returned);
      answers = await this.decide(ask, now, answers);
    }
    const lease = refused(answers) || want <= 0 ? null : this.grant(workerId, ask, now, want, answers);
    return { ...answers, lease };
  }

  /** Applies a lease's return: unused slots leave the window, the unused block is released. Unknown ids are ignored. */
  giveBack(returned: LeaseReturn): void {
    const leases = this.outstanding.get(returned.keyId);
    const held = leases?.get(returned.leaseId);
    if (leases === undefined || held === undefined) return;
    leases.delete(returned.leaseId);
    if (leases.size === 0) this.outstanding.delete(returned.keyId);
    this.options.rateLimiter.unstampNow(returned.keyId, held.stampAt, Math.min(returned.unusedSlots, held.slots));
    if (held.blockId !== null) this.options.budgetGuard.shrinkHoldNow(returned.keyId, held.blockId, returned.releaseUsd);
  }

  /**
   * A worker that is gone returns nothing: its slots keep counting (they may have been used) and its
   * blocks hold until their TTL, as the holds of its calls in flight would.
   */
  forget(workerId: number): void {
    for (const [keyId, leases] of this.outstanding) {
      for (const [leaseId, held] of leases) if (held.workerId === workerId) leases.delete(leaseId);
      if (leases.size === 0) this.outstanding.delete(keyId);
    }
  }

  /** Decides the call; with `earlier`, only what that decision refused is asked again. */
  private async decide(ask: LimitAsk, now: number, earlier: LimitAnswers | null): Promise<LimitAnswers> {
    const { rateLimiter, budgetGuard } = this.options;
    let rate = earlier?.rate ?? null;
    if (ask.limits !== null && (earlier === null || rate?.allowed === false)) {
      rate = rateLimiter.admitNow(ask.keyId, ask.limits, ask.estimatedTokens, now);
    }
    let budget = earlier?.budget ?? null;
    if (ask.budget !== null && (earlier === null || budget?.allowed === false)) {
      budget = budgetGuard.reserveNow(ask.keyId, ask.budget, ask.hold, now) ?? (await budgetGuard.reserve(ask.keyId, ask.budget, ask.hold, now));
    }
    return { rate, budget };
  }

  private grant(workerId: number, ask: LimitAsk, now: number, want: number, answers: LimitAnswers): LeaseGrant | null {
    const share = 4 * Math.max(1, this.options.workers());
    const rpm = ask.limits?.rpm ?? null;
    const tpm = ask.limits?.tpm ?? null;
    let slots: number | null = null;
    if (rpm !== null) {
      slots = Math.min(want, Math.floor((rpm - (answers.rate?.requests?.used ?? rpm)) / share));
      if (slots < MIN_LEASE_CALLS) return null;
    }
    let tokenAllowance: number | null = null;
    if (tpm !== null) {
      tokenAllowance = Math.floor((tpm - (answers.rate?.tokens?.used ?? tpm)) / share);
      if (tokenAllowance < MIN_LEASE_CALLS * Math.max(1, ask.estimatedTokens)) return null;
    }
    const block = ask.budget === null ? null : this.reserveBlock(ask, ask.budget, now, want, share);
    if (block === undefined) return null;
    const leaseId = `${this.instanceId}:${++this.sequence}`;
    const expiresAt = now + this.leaseMs;
    if (slots !== null) this.options.rateLimiter.stampNow(ask.keyId, expiresAt, slots);
    let leases = this.outstanding.get(ask.keyId);
    if (leases === undefined) {
      leases = new Map();
      this.outstanding.set(ask.keyId, leases);
    }
    leases.set(leaseId, { workerId, stampAt: expiresAt, slots: slots ?? 0, blockId: block?.id ?? null });
    return {
      leaseId,
      expiresAt,
      slots,
      tokenAllowance,
      blockId: block?.id ?? null,
      blockUsd: block?.amountUsd ?? 0,
      blockExpiresAt: block?.expiresAt ?? 0,
    };
  }

  /** A block for about `want` calls like this one, within the key's share; undefined when too small to lease. */
  private reserveBlock(ask: LimitAsk, budget: BudgetLimit, now: number, want: number, share: number): Reservation | undefined {
    const { budgetGuard } = this.options;
    const remaining = budgetGuard.remainingUsdNow(ask.keyId, budget, now);
    if (remaining === undefined) return undefined;
    const perCall = ask.hold.amountUsd;
    const amountUsd = Math.min(remaining / share, want * perCall * 2);
    if (amountUsd < MIN_LEASE_CALLS * perCall) return undefined;
    const block = budgetGuard.reserveNow(ask.keyId, budget, { amountUsd, capToRemaining: false }, now);
    if (block?.allowed !== true) return undefined;
    return block.reservation;
  }

  private holders(keyId: string): number[] {
    return [...new Set([...(this.outstanding.get(keyId)?.values() ?? [])].map((held) => held.workerId))];
  }
}

const refused = (answers: LimitAnswers): boolean => answers.rate?.allowed === false || answers.budget?.allowed === false;
