/**
 * Per-key request and token rate limits (RPM / TPM) over a sliding 60-second window.
 * Implementations: memory-rate-limiter.ts (one process) and redis-rate-limiter.ts (shared by every
 * instance). Both pass limits.case.ts, so they are interchangeable.
 */

/** A key's limits; null means "no limit of this kind". */
export interface RateLimits {
  rpm: number | null;
  tpm: number | null;
}

/** One window's state after the decision, as reported in the x-ratelimit-* headers. */
export interface WindowUsage {
  limit: number;
  /** Requests (this one included when admitted) or tokens counted in the last 60 s. */
  used: number;
  remaining: number;
  /** Milliseconds until everything now counted has left the window (OpenAI's "reset"). */
  resetMs: number;
}

interface DecisionBase {
  /** Null when the key has no limit of that kind. */
  requests: WindowUsage | null;
  tokens: WindowUsage | null;
}

export interface AdmittedDecision extends DecisionBase {
  allowed: true;
  /** True when the backend could not be reached and the request was let through unchecked (fail-open). */
  degraded: boolean;
}

export interface RefusedDecision extends DecisionBase {
  allowed: false;
  /** The limit that decided the wait (the longer one when both are exhausted). */
  refusedBy: 'requests' | 'tokens';
  /** The token estimate the request was checked with. */
  estimatedTokens: number;
  /**
   * Milliseconds until this request would fit. Null when it never can: the estimate alone is above
   * the TPM limit (or a limit is 0), so retrying is pointless.
   */
  retryAfterMs: number | null;
}

export type RateLimitDecision = AdmittedDecision | RefusedDecision;

/**
 * The same two operations answered at once, for a limiter whose windows live in this process
 * (memory-rate-limiter.ts): the admission then takes no asynchronous step for them.
 */
export interface ImmediateRateLimiter {
  admitNow(keyId: string, limits: RateLimits, estimatedTokens: number, now: number): RateLimitDecision;
  recordTokensNow(keyId: string, tokens: number, now: number): void;
}

export interface RateLimiter {
  /** Set when the limiter can answer without waiting; absent for a shared one (Redis, the cluster's primary). */
  readonly immediate?: ImmediateRateLimiter;
  /**
   * Called before a request. Atomically: drops what left the window, refuses when the RPM window is
   * full or when `tokens used in the window + max(estimatedTokens, 1) > tpm`, and otherwise counts this
   * request in the RPM window. The estimate is only checked, never counted: the actual tokens are
   * counted after the call with recordTokens. Concurrent calls may therefore overshoot the TPM by the
   * tokens of the calls in flight (the same trade-off OpenAI's own limiter makes); RPM never overshoots.
   */
  admit(keyId: string, limits: RateLimits, estimatedTokens: number, now: number): Promise<RateLimitDecision>;
  /** Counts a finished call's actual tokens (prompt + completion) in the key's TPM window. */
  recordTokens(keyId: string, tokens: number, now: number): Promise<void>;
}
