import type { BudgetPeriod } from './budget-guard.js';

/**
 * Budget periods begin at UTC boundaries so every instance, whatever its time zone, agrees on them:
 * day at 00:00 UTC, week on Monday 00:00 UTC (ISO weeks), month on the 1st at 00:00 UTC.
 * A lifetime budget (period null) starts at the epoch and never ends.
 */
export function periodStart(period: BudgetPeriod | null, now: number): number {
  if (period === null) return 0;
  const date = new Date(now);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  switch (period) {
    case 'day':
      return Date.UTC(year, month, day);
    case 'week': {
      const daysSinceMonday = (date.getUTCDay() + 6) % 7;
      return Date.UTC(year, month, day - daysSinceMonday);
    }
    case 'month':
      return Date.UTC(year, month, 1);
  }
}

/** The first instant of the next period (when the budget resets); null for a lifetime budget. */
export function periodEnd(period: BudgetPeriod | null, now: number): number | null {
  if (period === null) return null;
  const start = new Date(periodStart(period, now));
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth();
  const day = start.getUTCDate();
  switch (period) {
    case 'day':
      return Date.UTC(year, month, day + 1);
    case 'week':
      return Date.UTC(year, month, day + 7);
    case 'month':
      return Date.UTC(year, month + 1, 1);
  }
}
