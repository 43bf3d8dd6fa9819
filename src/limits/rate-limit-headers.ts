import { formatDuration } from './format-duration.js';
import type { RateLimitDecision } from './rate-limiter.js';

/**
 * The headers OpenAI sends with every answer (x-ratelimit-*), plus, on refusal, the backoff headers
 * the official SDKs read: retry-after-ms first, then retry-after (whole seconds, rounded up), and
 * x-should-retry: false when waiting cannot help.
 */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const headers: Record<string, string> = {};
  // Names spelled out, not built from the window's kind: a name made by concatenation is a new string
  // to look up on every call, on every answer.
  const requests = decision.requests;
  if (requests !== null) {
    headers['x-ratelimit-limit-requests'] = String(requests.limit);
    headers['x-ratelimit-remaining-requests'] = String(requests.remaining);
    headers['x-ratelimit-reset-requests'] = formatDuration(requests.resetMs);
  }
  const tokens = decision.tokens;
  if (tokens !== null) {
    headers['x-ratelimit-limit-tokens'] = String(tokens.limit);
    headers['x-ratelimit-remaining-tokens'] = String(tokens.remaining);
    headers['x-ratelimit-reset-tokens'] = formatDuration(tokens.resetMs);
  }
  if (!decision.allowed) {
    if (decision.retryAfterMs === null) {
      headers['x-should-retry'] = 'false';
    } else {
      headers['retry-after'] = String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
      headers['retry-after-ms'] = String(Math.max(0, Math.ceil(decision.retryAfterMs)));
    }
  }
  return headers;
}
