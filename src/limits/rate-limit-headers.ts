import { formatDuration } from './format-duration.js';
import type { RateLimitDecision, WindowUsage } from './rate-limiter.js';

/**
 * The headers OpenAI sends with every answer (x-ratelimit-*), plus, on refusal, the backoff headers
 * the official SDKs read: retry-after-ms first, then retry-after (whole seconds, rounded up), and
 * x-should-retry: false when waiting cannot help.
 */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const headers: Record<string, string> = {};
  if (decision.requests !== null) addWindow(headers, 'requests', decision.requests);
  if (decision.tokens !== null) addWindow(headers, 'tokens', decision.tokens);
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

function addWindow(headers: Record<string, string>, kind: 'requests' | 'tokens', usage: WindowUsage): void {
  headers[`x-ratelimit-limit-${kind}`] = String(usage.limit);
  headers[`x-ratelimit-remaining-${kind}`] = String(usage.remaining);
  headers[`x-ratelimit-reset-${kind}`] = formatDuration(usage.resetMs);
}
