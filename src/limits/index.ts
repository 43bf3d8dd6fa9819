/** Per-key limits: RPM/TPM rate limits and USD budgets, in memory or shared through Redis. */
export type { BudgetDecision, BudgetGranted, BudgetGuard, BudgetLimit, BudgetPeriod, BudgetRefused, BudgetStatus, HoldRequest, Reservation, SpendLoader } from './budget-guard.js';
export type { AdmittedDecision, RateLimitDecision, RateLimiter, RateLimits, RefusedDecision, WindowUsage } from './rate-limiter.js';
export { createLimits, type Limits, type LimitsOptions } from './create-limits.js';
export type { AdmissionLease, LimitAnswers, LimitAsk } from './admission-lease.js';
export type { BackendFailures } from './backend-failures.js';
export { budgetExceededError, limitsUnavailableError, maxTokensUnaffordableError, rateLimitError } from './limit-errors.js';
export { rateLimitHeaders } from './rate-limit-headers.js';
export { periodEnd, periodStart } from './period-start.js';
export { formatDuration } from './format-duration.js';
