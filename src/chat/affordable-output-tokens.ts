/**
 * How many output tokens what is left of a budget pays for, after the prompt, at the model's output
 * rate — priced exactly as admission prices a call, so max_tokens set to the answer fits.
 */
import type { Price } from '../config/config.js';
import { zeroTokens } from '../core/usage.js';
import { computeCost } from '../pricing/compute-cost.js';

/** Null when output costs nothing: then no max_tokens is too large and tokens are not the issue. */
export function affordableOutputTokens(remainingUsd: number, promptTokens: number, price: Price): number | null {
  if (!(price.outputPerMtok > 0)) return null;
  const cost = (completion: number): number => computeCost({ ...zeroTokens(), prompt: promptTokens, completion }, price);
  let tokens = Math.max(0, Math.floor(((remainingUsd - cost(0)) * 1_000_000) / price.outputPerMtok));
  // Floating point can put the estimate a hair over; step down until it truly fits.
  while (tokens > 0 && cost(tokens) > remainingUsd) tokens -= 1;
  return tokens;
}
