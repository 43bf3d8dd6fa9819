import { after, before, describe } from 'node:test';
import type { BudgetGuard, SpendLoader } from './budget-guard.js';
import { budgetGuardCases } from './budget-guard.case.js';
import type { RateLimiter } from './rate-limiter.js';
import { rateLimiterCases } from './rate-limiter.case.js';

/** What the shared suite needs from a backend. */
export interface LimitsBackend {
  /**
   * `count` clients of one backend. Redis gives independent connections, as separate gateway
   * processes would have; memory gives the same object `count` times (one process).
   */
  rateLimiters(count: number): RateLimiter[];
  budgetGuards(count: number, options?: { reservationTtlMs?: number; loadSpend?: SpendLoader }): BudgetGuard[];
  /** Removes whatever the suite stored and closes connections. */
  close(): Promise<void>;
}

/** Key ids unique within a run, so tests never see each other's windows. */
export type KeyIds = () => string;

/**
 * The contract every limits backend passes (hono's common.case.test.ts pattern): each backend's own
 * test file is a few lines calling this with its factory.
 */
export function limitsCases(label: string, open: () => Promise<LimitsBackend>): void {
  describe(`${label} limits`, () => {
    let backend: LimitsBackend | undefined;
    let counter = 0;
    const nextKey: KeyIds = () => `key-${(counter += 1)}`;
    const current = (): LimitsBackend => {
      if (backend === undefined) throw new Error('backend not open');
      return backend;
    };
    before(async () => {
      backend = await open();
    });
    after(async () => {
      await backend?.close();
    });
    rateLimiterCases(current, nextKey);
    budgetGuardCases(current, nextKey);
  });
}
