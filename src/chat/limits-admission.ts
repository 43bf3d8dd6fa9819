/**
 * Admission over the limit services (src/limits): RPM/TPM windows first, then the budget. The
 * master key is not limited. After the call the actual tokens count in the TPM window and the
 * actual cost settles the budget reservation.
 */
import type { BudgetGuard, RateLimiter, Reservation } from '../limits/index.js';
import { budgetExceededError, rateLimitError, rateLimitHeaders } from '../limits/index.js';
import type { Admission, AdmissionRequest, AdmissionTicket } from './admission.js';

const unlimited: AdmissionTicket = { headers: {}, settle: () => undefined };

export class LimitsAdmission implements Admission {
  constructor(
    private readonly rateLimiter: RateLimiter,
    private readonly budgetGuard: BudgetGuard,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  async admit(request: AdmissionRequest): Promise<AdmissionTicket> {
    if (request.principal.kind !== 'key') return unlimited;
    const key = request.principal.key;
    const limited = key.rpm !== null || key.tpm !== null;
    if (!limited && key.budgetUsd === null) return unlimited;

    let headers: Record<string, string> = {};
    if (limited) {
      const decision = await this.rateLimiter.admit(key.id, { rpm: key.rpm, tpm: key.tpm }, request.estimatedTokens, this.now());
      if (!decision.allowed) throw rateLimitError(decision);
      headers = rateLimitHeaders(decision);
    }
    let reservation: Reservation | null = null;
    if (key.budgetUsd !== null) {
      const decision = await this.budgetGuard.reserve(
        key.id,
        { budgetUsd: key.budgetUsd, period: key.budgetPeriod },
        request.estimatedCostUsd ?? 0,
        this.now(),
      );
      if (!decision.allowed) throw budgetExceededError(decision);
      reservation = decision.reservation;
    }

    return {
      headers,
      settle: (tokens, costUsd) => {
        const now = this.now();
        if (key.tpm !== null) {
          this.rateLimiter.recordTokens(key.id, tokens.prompt + tokens.completion, now).catch(this.onError);
        }
        if (reservation !== null) this.budgetGuard.settle(reservation, costUsd ?? 0, now).catch(this.onError);
      },
    };
  }
}
