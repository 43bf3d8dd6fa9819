/**
 * USD cost of one call (protocols.md F.1): uncached input, cached reads, cache writes, output and
 * reasoning each at their own rate; a missing rate falls back to the plain input or output rate.
 */
import type { Price } from '../config/config.js';
import type { TokenCounts } from '../core/usage.js';

export function computeCost(tokens: TokenCounts, price: Price): number {
  const uncachedInput = Math.max(0, tokens.prompt - tokens.cachedRead - tokens.cacheWrite);
  const plainOutput = Math.max(0, tokens.completion - tokens.reasoning);
  const micro =
    uncachedInput * price.inputPerMtok +
    tokens.cachedRead * (price.cachedInputPerMtok ?? price.inputPerMtok) +
    tokens.cacheWrite * (price.cacheWritePerMtok ?? price.inputPerMtok) +
    plainOutput * price.outputPerMtok +
    tokens.reasoning * (price.reasoningPerMtok ?? price.outputPerMtok);
  // Rates are per million tokens; round to 1e-10 USD so sums stay stable across backends.
  return Math.round((micro / 1_000_000) * 1e10) / 1e10;
}

/** The header form: plain decimal, no exponent, trailing zeros trimmed. */
export function formatUsd(cost: number): string {
  // Trailing zeros, then a bare point, trimmed by hand: a regular expression here was a microsecond a call.
  const fixed = cost.toFixed(10);
  let end = fixed.length;
  while (end > 0 && fixed.charCodeAt(end - 1) === ZERO) end -= 1;
  if (end > 0 && fixed.charCodeAt(end - 1) === POINT) end -= 1;
  return end === 0 ? '0' : fixed.slice(0, end);
}

const ZERO = 0x30;
const POINT = 0x2e;
