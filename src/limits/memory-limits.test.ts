import { BackendFailures } from './backend-failures.js';
import { limitsCases } from './limits.case.js';
import { MemoryBudgetGuard } from './memory-budget-guard.js';
import { MemoryRateLimiter } from './memory-rate-limiter.js';

// One process: every "client" is the same object.
limitsCases('memory', async () => {
  const rateLimiter = new MemoryRateLimiter();
  const failures = new BackendFailures(() => {});
  return {
    rateLimiters: (count) => Array.from({ length: count }, () => rateLimiter),
    budgetGuards: (count, options) => {
      const guard = new MemoryBudgetGuard({ ...options, failures });
      return Array.from({ length: count }, () => guard);
    },
    close: async () => {},
  };
});
