/**
 * How many output tokens admission assumes for a request that sets no max_tokens: the key's recent
 * average completion (an exponentially weighted moving average), or a default before the key has
 * any history. Only a guess: budget holds made from it are capped to what the budget has left, and
 * the real cost settles after. In memory, per instance; a restart starts again from the default.
 */

export const DEFAULT_OUTPUT_TOKENS = 512;
/** The average is kept within these bounds, so one odd call cannot make holds vanish or balloon. */
export const MIN_OUTPUT_TOKENS = 16;
export const MAX_OUTPUT_TOKENS = 4096;
/** The newest call's share of the average: roughly the last ten calls decide it. */
const WEIGHT = 0.2;
/** Keys remembered at most (the oldest entry goes first); far above any real number of keys. */
const MAX_KEYS = 100_000;

export class OutputAllowance {
  private readonly averages = new Map<string, number>();

  tokensFor(keyId: string): number {
    const average = this.averages.get(keyId);
    return average === undefined ? DEFAULT_OUTPUT_TOKENS : clamp(Math.ceil(average));
  }

  /** A call ended with this many completion tokens. Calls with none (failures) say nothing about length. */
  observe(keyId: string, completionTokens: number): void {
    if (!(completionTokens > 0)) return;
    const previous = this.averages.get(keyId);
    const next = previous === undefined ? completionTokens : previous + WEIGHT * (completionTokens - previous);
    this.averages.delete(keyId); // re-inserted last, so the Map's order is least recently used first
    this.averages.set(keyId, clamp(next));
    if (this.averages.size > MAX_KEYS) {
      const oldest = this.averages.keys().next();
      if (oldest.done !== true) this.averages.delete(oldest.value);
    }
  }
}

const clamp = (tokens: number): number => Math.min(MAX_OUTPUT_TOKENS, Math.max(MIN_OUTPUT_TOKENS, tokens));
