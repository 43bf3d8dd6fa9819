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
import type { BudgetGuard, BudgetRefused, RateLimiter, Reservation } from '../limits/index.js';
import { budgetExceededError, maxTokensUnaffordableError, rateLimitError, rateLimitHeaders } from '../limits/index.js';
import { computeCost } from '../pricing/compute-cost.js';
import { affordableOutputTokens } from './affordable-output-tokens.js';
import type { Admission, AdmissionRequest, AdmissionTicket } from './admission.js';
import { OutputAllowance } from './output-allowance.js';

const unlimited: AdmissionTicket = { headers: {}, settle: () => undefined };

export class LimitsAdmission implements Admission {
  constructor(
    private readonly rateLimiter: RateLimiter,
    private readonly budgetGuard: BudgetGuard,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
    private readonly outputAllowance: OutputAllowance = new OutputAllowance(),
  ) {}

  async admit(request: AdmissionRequest): Promise<AdmissionTicket> {
    if (request.principal.kind !== 'key') return unlimited;
    const key = request.principal.key;
    const limited = key.rpm !== null || key.tpm !== null;
    if (!limited && key.budgetUsd === null) return unlimited;
    const outputTokens = request.maxOutputTokens ?? this.outputAllowance.tokensFor(key.id);

    // Both checks start at once: over IPC or Redis that is one round trip, not two. A call the rate
    // limit refuses gives its budget hold straight back.
    const now = this.now();
    const rate = limited ? this.rateLimiter.admit(key.id, { rpm: key.rpm, tpm: key.tpm }, request.promptTokens + outputTokens, now) : null;
    const budget =
      key.budgetUsd === null
        ? null
        : this.budgetGuard.reserve(
            key.id,
            { budgetUsd: key.budgetUsd, period: key.budgetPeriod },
            {
              amountUsd: request.price === null ? 0 : computeCost({ ...zeroTokens(), prompt: request.promptTokens, completion: outputTokens }, request.price),
              capToRemaining: request.maxOutputTokens === null,
            },
            now,
          );
    const [rateDecision, budgetDecision] = await Promise.all([rate, budget]);
    if (rateDecision !== null && !rateDecision.allowed) {
      if (budgetDecision?.allowed === true) {
        this.budgetGuard.settle(budgetDecision.reservation, 0, now).catch(this.onError);
      }
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
        if (key.tpm !== null) {
          this.rateLimiter.recordTokens(key.id, tokens.prompt + tokens.completion, now).catch(this.onError);
        }
        if (reservation !== null) this.budgetGuard.settle(reservation, costUsd ?? 0, now).catch(this.onError);
      },
    };
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
