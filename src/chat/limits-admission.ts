/**
 * Admission over the limit services (src/limits): the RPM/TPM windows and the budget, asked together. The
 * master key is not limited. After the call the actual tokens count in the TPM window and the
 * actual cost settles the budget reservation.
 *
 * A request's output is assumed to be its own max_tokens, or else the key's usual completion length
 * (output-allowance.ts). A hold from max_tokens must fit the budget whole — the client asked for that
 * much — and its refusal says how many tokens would fit; a hold from the guess is capped to what
 * remains, so a key is refused only once its budget is spent or held by calls in flight.
 */
import type { GatewayError } from '../core/errors.js';
import { zeroTokens } from '../core/usage.js';
import type { KeyPolicy } from '../auth/principal.js';
import type { AdmissionLease, BudgetGuard, BudgetRefused, LimitAnswers, LimitAsk, RateLimiter, Reservation } from '../limits/index.js';
import { budgetExceededError, maxTokensUnaffordableError, rateLimitError, rateLimitHeaders } from '../limits/index.js';
import { computeCost } from '../pricing/compute-cost.js';
import { affordableOutputTokens } from './affordable-output-tokens.js';
import type { Admission, AdmissionRequest, AdmissionTicket } from './admission.js';
import { OutputAllowance } from './output-allowance.js';

const unlimited: AdmissionTicket = { headers: {}, settle: () => undefined };

export interface LimitsAdmissionOptions {
  now?: () => number;
  outputAllowance?: OutputAllowance;
  /** A cluster worker's leases (lease-desk.ts): tried first, and asked instead of the two services when they cannot answer. */
  lease?: AdmissionLease;
}

export class LimitsAdmission implements Admission {
  private readonly now: () => number;
  private readonly outputAllowance: OutputAllowance;
  private readonly lease: AdmissionLease | undefined;

  constructor(
    private readonly rateLimiter: RateLimiter,
    private readonly budgetGuard: BudgetGuard,
    private readonly onError: (error: unknown) => void,
    options: LimitsAdmissionOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.outputAllowance = options.outputAllowance ?? new OutputAllowance();
    this.lease = options.lease;
  }

  admit(request: AdmissionRequest): AdmissionTicket | Promise<AdmissionTicket> {
    if (request.principal.kind !== 'key') return unlimited;
    const key = request.principal.key;
    const limited = key.rpm !== null || key.tpm !== null;
    if (!limited && key.budgetUsd === null) return unlimited;
    const outputTokens = request.maxOutputTokens ?? this.outputAllowance.tokensFor(key.id);
    const ask: LimitAsk = {
      keyId: key.id,
      limits: limited ? { rpm: key.rpm, tpm: key.tpm } : null,
      estimatedTokens: request.promptTokens + outputTokens,
      budget: key.budgetUsd === null ? null : { budgetUsd: key.budgetUsd, period: key.budgetPeriod },
      hold: {
        amountUsd: request.price === null ? 0 : computeCost({ ...zeroTokens(), prompt: request.promptTokens, completion: outputTokens }, request.price),
        capToRemaining: request.maxOutputTokens === null,
      },
    };
    const now = this.now();
    const lease = this.lease;
    if (lease !== undefined) {
      const leased = lease.admitNow(ask, now);
      if (leased !== undefined) return this.ticket(key, request, leased, now);
      return lease.admit(ask, now).then((answers) => this.ticket(key, request, answers, now));
    }
    // In one process both answer at once: no asynchronous step at all.
    const rateNow = this.rateLimiter.immediate;
    const budgetNow = this.budgetGuard.immediate;
    if ((ask.limits === null || rateNow !== undefined) && (ask.budget === null || budgetNow !== undefined)) {
      const budget = ask.budget === null ? null : budgetNow?.reserveNow(key.id, ask.budget, ask.hold, now);
      if (budget !== undefined) {
        const rate = ask.limits === null ? null : (rateNow?.admitNow(key.id, ask.limits, ask.estimatedTokens, now) ?? null);
        return this.ticket(key, request, { rate, budget }, now);
      }
    }
    return this.admitShared(key, request, ask, now);
  }

  /**
   * Both checks start at once: over IPC or Redis that is one round trip, not two. A call the rate
   * limit refuses gives its budget hold straight back.
   */
  private async admitShared(key: KeyPolicy, request: AdmissionRequest, ask: LimitAsk, now: number): Promise<AdmissionTicket> {
    const rate = ask.limits === null ? null : this.rateLimiter.admit(key.id, ask.limits, ask.estimatedTokens, now);
    const budget = ask.budget === null ? null : this.budgetGuard.reserve(key.id, ask.budget, ask.hold, now);
    const [rateDecision, budgetDecision] = await Promise.all([rate, budget]);
    return this.ticket(key, request, { rate: rateDecision, budget: budgetDecision }, now);
  }

  private ticket(key: KeyPolicy, request: AdmissionRequest, answers: LimitAnswers, now: number): AdmissionTicket {
    const { rate: rateDecision, budget: budgetDecision } = answers;
    if (rateDecision !== null && !rateDecision.allowed) {
      if (budgetDecision?.allowed === true) this.settleBudget(budgetDecision.reservation, 0, now);
      throw rateLimitError(rateDecision);
    }
    if (budgetDecision !== null && !budgetDecision.allowed) throw budgetRefusalError(budgetDecision, request);
    const headers = rateDecision === null ? {} : rateLimitHeaders(rateDecision);
    const reservation: Reservation | null = budgetDecision?.reservation ?? null;

    return {
      headers,
      settle: (tokens, costUsd) => {
        const now = this.now();
        this.outputAllowance.observe(key.id, tokens.completion);
        if (key.tpm !== null) this.recordTokens(key.id, tokens.prompt + tokens.completion, now);
        if (reservation !== null) this.settleBudget(reservation, costUsd ?? 0, now);
      },
    };
  }

  private recordTokens(keyId: string, tokens: number, now: number): void {
    if (this.lease !== undefined) return this.lease.settle(keyId, tokens, null, 0, now);
    const immediate = this.rateLimiter.immediate;
    if (immediate === undefined) this.rateLimiter.recordTokens(keyId, tokens, now).catch(this.onError);
    else immediate.recordTokensNow(keyId, tokens, now);
  }

  private settleBudget(reservation: Reservation, costUsd: number, now: number): void {
    if (this.lease !== undefined) return this.lease.settle(reservation.keyId, null, reservation, costUsd, now);
    const immediate = this.budgetGuard.immediate;
    if (immediate === undefined) this.budgetGuard.settle(reservation, costUsd, now).catch(this.onError);
    else immediate.settleNow(reservation, costUsd, now);
  }
}

/** A max_tokens the rest of the budget cannot pay for gets the affordable count; anything else is plainly spent. */
function budgetRefusalError(refusal: BudgetRefused, request: AdmissionRequest): GatewayError {
  const requested = request.maxOutputTokens;
  if (requested !== null && request.price !== null && refusal.remainingUsd > 0) {
    const affordable = affordableOutputTokens(refusal.remainingUsd, request.promptTokens, request.price);
    if (affordable !== null && affordable >= 1 && affordable < requested) return maxTokensUnaffordableError(refusal, requested, affordable);
  }
  return budgetExceededError(refusal);
}
