/**
 * A worker's side of limit leases (lease-terms.ts): per key, the lease the primary granted last.
 * A call the lease can answer — a slot left, its token estimate within the allowance, its hold
 * within the block, the key's limits unchanged, the lease not expired — is admitted here without
 * a message. Any other call goes to the primary with the lease given back, and the primary decides
 * it exactly and grants the next lease. Calls arriving while a key's lease is being asked for wait
 * for it rather than each asking on their own.
 *
 * Each renewal asks for twice the slots the last lease used, so a busy key needs a message every
 * few thousand calls and an idle one holds little. Expired leases go back with the next bookkeeping
 * batch (a sweep finds those of keys no call touched since).
 */
import { GatewayError } from '../core/errors.js';
import type { AdmissionLease, LimitAnswers, LimitAsk } from '../limits/admission-lease.js';
import type { BudgetDecision, Reservation } from '../limits/budget-guard.js';
import { fromNanoUsd, toNanoUsd } from '../limits/nano-usd.js';
import { buildDecision } from '../limits/rate-limit-decision.js';
import type { RateLimitDecision, WindowUsage } from '../limits/rate-limiter.js';
import { WINDOW_MS } from '../limits/sliding-window.js';
import type { ClusterPeer } from './cluster-protocol.js';
import type { IpcBookkeeping } from './ipc-bookkeeping.js';
import type { IpcBudgetGuard } from './ipc-budget-guard.js';
import type { IpcRateLimiter } from './ipc-rate-limiter.js';
import { LEASE_MS, MAX_LEASE_SLOTS, MIN_LEASE_CALLS, type LeaseGrant, type LeaseReturn } from './lease-terms.js';

export interface LeaseDeskOptions {
  /** The worker's IPC limits, whose policies apply when the primary cannot be asked. */
  rateLimiter: IpcRateLimiter;
  budgetGuard: IpcBudgetGuard;
  now?: () => number;
}

interface HeldLease {
  grant: LeaseGrant;
  /** The limits it was granted for, as compared with each call's. */
  ask: LimitAsk;
  slotsLeft: number | null;
  tokensLeft: number | null;
  blockLeftNanos: number;
  taken: number;
  /** The windows as the primary counted them at the grant, for the rate-limit headers. */
  requests: WindowUsage | null;
  tokens: WindowUsage | null;
  grantedAt: number;
}

export class LeaseDesk implements AdmissionLease {
  private readonly leases = new Map<string, HeldLease>();
  /** Keys whose lease is being asked for: later calls wait for that answer. */
  private readonly asking = new Map<string, Promise<unknown>>();
  /** Slots the last lease of each key used, to size the next. */
  private readonly lastTaken = new Map<string, number>();
  /** Keys whose last answer came without a lease (near a limit): their calls ask at once, side by side. */
  private readonly unleased = new Set<string>();
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly peer: ClusterPeer,
    private readonly bookkeeping: IpcBookkeeping,
    private readonly options: LeaseDeskOptions,
  ) {
    this.now = options.now ?? Date.now;
    peer.handle('lease.revoke', ({ keyId }) => this.take(keyId));
    this.sweeper = setInterval(() => this.sweep(), LEASE_MS);
    this.sweeper.unref();
  }

  admitNow(ask: LimitAsk, now: number): LimitAnswers | undefined {
    const lease = this.leases.get(ask.keyId);
    if (lease === undefined) return undefined;
    if (now >= lease.grant.expiresAt) {
      this.end(ask.keyId);
      return undefined;
    }
    if (!sameLimits(lease.ask, ask)) return undefined;
    const tokens = Math.max(1, Math.round(ask.estimatedTokens));
    const holdNanos = toNanoUsd(ask.hold.amountUsd);
    if (lease.slotsLeft !== null && lease.slotsLeft < 1) return undefined;
    if (lease.tokensLeft !== null && tokens > lease.tokensLeft) return undefined;
    if (lease.grant.blockId !== null && holdNanos > lease.blockLeftNanos) return undefined;
    if (lease.slotsLeft !== null) lease.slotsLeft -= 1;
    if (lease.tokensLeft !== null) lease.tokensLeft -= tokens;
    lease.blockLeftNanos -= holdNanos;
    lease.taken += 1;
    return { rate: ask.limits === null ? null : leasedDecision(lease, now), budget: this.drawHold(lease, ask, holdNanos) };
  }

  async admit(ask: LimitAsk, now: number): Promise<LimitAnswers> {
    const asking = this.asking.get(ask.keyId);
    if (asking === undefined || this.unleased.has(ask.keyId)) return this.ask(ask, now);
    await asking;
    const later = this.now();
    return this.admitNow(ask, later) ?? this.ask(ask, later);
  }

  settle(keyId: string, tokens: number | null, reservation: Reservation | null, actualUsd: number, now: number): void {
    if (tokens !== null && Math.round(tokens) > 0) this.bookkeeping.queueTokens(keyId, tokens, now);
    if (reservation?.tracked === true) this.bookkeeping.queueSettle(reservation, actualUsd, now);
  }

  /** Gives the key's lease back (to the primary, which asked, or with the next request): what it leaves unused. */
  take(keyId: string): LeaseReturn | null {
    const lease = this.leases.get(keyId);
    if (lease === undefined) return null;
    this.leases.delete(keyId);
    this.lastTaken.set(keyId, lease.taken);
    return { leaseId: lease.grant.leaseId, keyId, unusedSlots: lease.slotsLeft ?? 0, releaseUsd: fromNanoUsd(Math.max(0, lease.blockLeftNanos)) };
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private ask(ask: LimitAsk, now: number): Promise<LimitAnswers> {
    const returned = this.take(ask.keyId);
    const want = Math.min(MAX_LEASE_SLOTS, Math.max(2 * MIN_LEASE_CALLS, 2 * (this.lastTaken.get(ask.keyId) ?? 0)));
    const answer = this.peer.call('limits.admit', { ask, now, want, returned }).then(
      (result) => {
        if (result.lease === null) this.unleased.add(ask.keyId);
        else {
          this.unleased.delete(ask.keyId);
          this.hold(ask, result.lease, result.rate, now);
        }
        return { rate: result.rate, budget: result.budget };
      },
      (error: unknown) => this.failed(ask, now, error),
    );
    const settled = answer.catch(() => undefined);
    this.asking.set(ask.keyId, settled);
    void settled.then(() => {
      if (this.asking.get(ask.keyId) === settled) this.asking.delete(ask.keyId);
    });
    return answer;
  }

  private hold(ask: LimitAsk, grant: LeaseGrant, rate: RateLimitDecision | null, now: number): void {
    // Two answers for one key crossed: the older lease goes back at once.
    const previous = this.take(ask.keyId);
    if (previous !== null) this.bookkeeping.returnLease(previous);
    this.leases.set(ask.keyId, {
      grant,
      ask,
      slotsLeft: grant.slots,
      tokensLeft: grant.tokenAllowance,
      blockLeftNanos: toNanoUsd(grant.blockUsd),
      taken: 0,
      requests: rate?.requests ?? null,
      tokens: rate?.tokens ?? null,
      grantedAt: now,
    });
  }

  /** The primary could not be asked: the rate limit fails open, the budget as configured (closed by default). */
  private failed(ask: LimitAsk, now: number, error: unknown): LimitAnswers {
    // The primary decided (its store is down and budgets fail closed): its answer stands.
    if (error instanceof GatewayError) throw error;
    const rate = ask.limits === null ? null : this.options.rateLimiter.failedAdmit(error);
    const budget = ask.budget === null ? null : this.options.budgetGuard.failedReserve(error, ask.keyId, ask.budget, ask.hold, now);
    return { rate, budget };
  }

  /** A hold taken from the lease's block: settling it shrinks the block in the primary. */
  private drawHold(lease: HeldLease, ask: LimitAsk, holdNanos: number): BudgetDecision | null {
    const { blockId } = lease.grant;
    if (ask.budget === null || blockId === null) return null;
    const reservation = {
      id: `${lease.grant.leaseId}#${lease.taken}`,
      keyId: ask.keyId,
      period: ask.budget.period,
      amountUsd: fromNanoUsd(holdNanos),
      expiresAt: lease.grant.blockExpiresAt,
      tracked: true,
      held: true,
      block: blockId,
    };
    return { allowed: true, reservation };
  }

  private end(keyId: string): void {
    const returned = this.take(keyId);
    if (returned !== null) this.bookkeeping.returnLease(returned);
  }

  private sweep(): void {
    const now = this.now();
    for (const [keyId, lease] of this.leases) if (now >= lease.grant.expiresAt) this.end(keyId);
  }
}

/** The lease answers only for the limits it was granted for: a key changed meanwhile asks the primary. */
function sameLimits(granted: LimitAsk, ask: LimitAsk): boolean {
  return (
    granted.limits?.rpm === ask.limits?.rpm &&
    granted.limits?.tpm === ask.limits?.tpm &&
    granted.budget?.budgetUsd === ask.budget?.budgetUsd &&
    granted.budget?.period === ask.budget?.period
  );
}

/**
 * An admission from the lease, with the windows as the primary counted them at the grant plus what
 * this lease took since (other workers' calls since then are not in it).
 */
function leasedDecision(lease: HeldLease, now: number): RateLimitDecision {
  const elapsed = now - lease.grantedAt;
  const window = (usage: WindowUsage | null, added: number, resetMs: number) =>
    usage === null ? null : { limit: usage.limit, used: usage.used + added, full: false, resetMs, retryAfterMs: null };
  const allowance = lease.grant.tokenAllowance ?? 0;
  const requests = window(lease.requests, lease.taken, Math.max(lease.grant.expiresAt + WINDOW_MS - now, (lease.requests?.resetMs ?? 0) - elapsed));
  const tokens = window(lease.tokens, allowance - (lease.tokensLeft ?? allowance), WINDOW_MS);
  return buildDecision(requests, tokens, 0);
}
