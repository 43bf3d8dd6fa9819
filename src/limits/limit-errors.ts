import { GatewayError } from '../core/errors.js';
import type { BudgetRefused, BudgetStatus } from './budget-guard.js';
import { formatDuration } from './format-duration.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import type { RefusedDecision } from './rate-limiter.js';

/**
 * The 429 for an exhausted RPM/TPM window, worded like OpenAI's own ("Rate limit reached … on tokens
 * per min (TPM): Limit 10000, Used 9000, Requested 2000. Please try again in 6s."). Not retryable
 * inside the gateway: the limit belongs to the key, so another deployment would not help.
 */
export function rateLimitError(decision: RefusedDecision): GatewayError {
  const tokens = decision.refusedBy === 'tokens';
  const usage = tokens ? decision.tokens : decision.requests;
  const what = tokens ? 'tokens per min (TPM)' : 'requests per min (RPM)';
  const requested = tokens ? Math.max(1, decision.estimatedTokens) : 1;
  const counts = usage === null ? '' : `: Limit ${usage.limit}, Used ${usage.used}, Requested ${requested}`;
  const advice =
    decision.retryAfterMs === null
      ? tokens
        ? ' This request alone is larger than the limit; shorten it or raise the key’s tpm.'
        : ' This key admits no requests; raise its rpm.'
      : ` Please try again in ${formatDuration(decision.retryAfterMs)}.`;
  return new GatewayError(429, `Rate limit reached for this API key on ${what}${counts}.${advice}`, {
    type: decision.refusedBy,
    code: 'rate_limit_exceeded',
    headers: rateLimitHeaders(decision),
  });
}

/** The 429 for a spent budget: type insufficient_quota, and x-should-retry: false so SDKs do not loop. */
export function budgetExceededError(refusal: BudgetRefused): GatewayError {
  const { status, estimateUsd } = refusal;
  const reserved = status.reservedUsd > 0 ? ` (plus ${formatUsd(status.reservedUsd)} held by calls in progress)` : '';
  const resets =
    status.resetsAt === null
      ? 'This budget does not reset; raise the key’s budget_usd to continue.'
      : `The budget resets at ${new Date(status.resetsAt).toISOString()}.`;
  const message =
    `Budget exceeded for this API key: ${formatUsd(status.spentUsd)} spent${reserved} of its ` +
    `${formatUsd(status.budgetUsd)} ${periodName(status)}budget, and this call needs about ${formatUsd(estimateUsd)}. ${resets}`;
  return budgetError(message);
}

/**
 * The 429 for a call whose own max_tokens the rest of the budget cannot pay for, while smaller calls
 * still fit: says how many output tokens would, as OpenRouter does, so the client can lower it.
 */
export function maxTokensUnaffordableError(refusal: BudgetRefused, requestedTokens: number, affordableTokens: number): GatewayError {
  const { status, remainingUsd } = refusal;
  const message =
    `This request asks for up to ${requestedTokens} tokens, but the key can only afford ${affordableTokens} with the ` +
    `${formatUsd(remainingUsd)} left of its ${formatUsd(status.budgetUsd)} ${periodName(status)}budget. ` +
    'Lower max_tokens or raise the budget.';
  return budgetError(message);
}

function budgetError(message: string): GatewayError {
  return new GatewayError(429, message, {
    type: 'insufficient_quota',
    code: 'budget_exceeded',
    headers: { 'x-should-retry': 'false' },
  });
}

function periodName(status: BudgetStatus): string {
  return status.period === null ? '' : `${{ day: 'daily', week: 'weekly', month: 'monthly' }[status.period]} `;
}

/**
 * The budget store could not be reached and the guard fails closed: a 503 the SDKs retry with
 * backoff, rather than a 429 that would claim the budget is spent.
 */
export function limitsUnavailableError(cause: unknown): GatewayError {
  return new GatewayError(503, 'The budget for this API key cannot be checked right now; please try again shortly.', {
    type: 'server_error',
    code: 'limits_unavailable',
    headers: { 'retry-after': '1' },
    cause,
  });
}

function formatUsd(usd: number): string {
  // Cents hide the cost of small calls, so show more digits below one cent.
  const digits = usd !== 0 && Math.abs(usd) < 0.01 ? 6 : 2;
  return `$${usd.toFixed(digits)}`;
}
