/**
 * Budgets are counted in integer nano-dollars (1e-9 USD) in both backends: sums stay exact (no
 * 0.1 + 0.2 drift deciding whether the fifth call fits), Redis INCRBY is exact on integers, and a
 * double holds them exactly up to about $9,000,000 — far above any per-key budget.
 */
const NANOS_PER_USD = 1_000_000_000;

export const toNanoUsd = (usd: number): number => Math.max(0, Math.round(usd * NANOS_PER_USD));

export const fromNanoUsd = (nanos: number): number => nanos / NANOS_PER_USD;
