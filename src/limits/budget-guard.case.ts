import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BudgetDecision, BudgetGuard, BudgetLimit, BudgetRefused, HoldRequest, Reservation } from './budget-guard.js';
import { budgetExceededError } from './limit-errors.js';
import type { KeyIds, LimitsBackend } from './limits.case.js';
import { periodStart } from './period-start.js';

// Wednesday 2025-01-15 12:00 UTC.
const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const daily = (budgetUsd: number): BudgetLimit => ({ budgetUsd, period: 'day' });
/** A hold that must fit whole (the request set max_tokens). */
const strict = (amountUsd: number): HoldRequest => ({ amountUsd, capToRemaining: false });
/** A hold from a guessed output, capped to what remains. */
const capped = (amountUsd: number): HoldRequest => ({ amountUsd, capToRemaining: true });

function granted(decision: BudgetDecision): Reservation {
  if (!decision.allowed) assert.fail(`expected a reservation, got ${JSON.stringify(decision.status)}`);
  return decision.reservation;
}

function refusal(decision: BudgetDecision): BudgetRefused {
  if (decision.allowed) assert.fail('expected a refusal');
  return decision;
}

export function budgetGuardCases(backend: () => LimitsBackend, nextKey: KeyIds): void {
  const guard = (options?: Parameters<LimitsBackend['budgetGuards']>[1]): BudgetGuard => {
    const [first] = backend().budgetGuards(1, options);
    if (first === undefined) throw new Error('no guard');
    return first;
  };

  describe('budget guard', () => {
    test('refuses once settled spend plus the estimate would pass the budget', async () => {
      const budgetGuard = guard();
      const key = nextKey();
      await budgetGuard.settle(granted(await budgetGuard.reserve(key, daily(1), strict(0.4), T0)), 0.4, T0 + 1);
      await budgetGuard.settle(granted(await budgetGuard.reserve(key, daily(1), strict(0.4), T0 + 2)), 0.5, T0 + 3);
      const refused = refusal(await budgetGuard.reserve(key, daily(1), strict(0.2), T0 + 4));
      assert.deepEqual(refused.status, {
        budgetUsd: 1,
        spentUsd: 0.9,
        reservedUsd: 0,
        period: 'day',
        resetsAt: Date.UTC(2025, 0, 16),
      });
      await budgetGuard.settle(granted(await budgetGuard.reserve(key, daily(1), strict(0.1), T0 + 5)), 0.1, T0 + 6);
      // Fully spent: even a call estimated at $0 is refused.
      assert.equal(refusal(await budgetGuard.reserve(key, daily(1), strict(0), T0 + 7)).status.spentUsd, 1);
      const error = budgetExceededError(refused);
      assert.equal(error.status, 429);
      assert.equal(error.type, 'insufficient_quota');
      assert.equal(error.code, 'budget_exceeded');
      assert.deepEqual(error.headers, { 'x-should-retry': 'false' });
      assert.match(error.message, /\$0\.90 spent of its \$1\.00 daily budget.*resets at 2025-01-16T00:00:00\.000Z/);
    });

    test('reservations in flight count against the budget until settled', async () => {
      const budgetGuard = guard();
      const key = nextKey();
      const first = granted(await budgetGuard.reserve(key, daily(1), strict(0.6), T0));
      assert.equal(first.held, true);
      assert.equal(refusal(await budgetGuard.reserve(key, daily(1), strict(0.6), T0 + 1)).status.reservedUsd, 0.6);
      await budgetGuard.settle(first, 0.1, T0 + 2);
      granted(await budgetGuard.reserve(key, daily(1), strict(0.6), T0 + 3));
    });

    test('20 concurrent reservations with budget for 5 admit exactly 5, across clients', async () => {
      const guards = backend().budgetGuards(2);
      const key = nextKey();
      const decisions = await Promise.all(
        Array.from({ length: 20 }, (_, index) => {
          const budgetGuard = guards[index % guards.length];
          if (budgetGuard === undefined) throw new Error('no guard');
          return budgetGuard.reserve(key, daily(5), strict(1), T0 + index);
        }),
      );
      const reservations = decisions.flatMap((decision) => (decision.allowed ? [decision.reservation] : []));
      assert.equal(reservations.length, 5);
      const [settler, checker] = guards;
      if (settler === undefined || checker === undefined) throw new Error('no guards');
      await Promise.all(reservations.map((reservation) => settler.settle(reservation, 1, T0 + 100)));
      const after = refusal(await checker.reserve(key, daily(5), strict(0.01), T0 + 200));
      assert.deepEqual([after.status.spentUsd, after.status.reservedUsd], [5, 0]);
    });

    test('a capped hold is admitted while anything remains and holds only the remainder', async () => {
      const budgetGuard = guard();
      const key = nextKey();
      await budgetGuard.settle(granted(await budgetGuard.reserve(key, daily(1), strict(0.7), T0)), 0.7, T0 + 1);
      const tail = granted(await budgetGuard.reserve(key, daily(1), capped(0.5), T0 + 2));
      assert.deepEqual([tail.amountUsd, tail.held], [0.3, true]);
      // The remainder is now held: nothing is left for anyone else.
      const full = refusal(await budgetGuard.reserve(key, daily(1), capped(0.1), T0 + 3));
      assert.deepEqual([full.status.spentUsd, full.status.reservedUsd, full.remainingUsd], [0.7, 0.3, 0]);
      // Settling releases exactly the capped hold (the Redis member is named by the amount held).
      await budgetGuard.settle(tail, 0.25, T0 + 4);
      const small = granted(await budgetGuard.reserve(key, daily(1), capped(0.5), T0 + 5));
      assert.equal(small.amountUsd, 0.05);
      await budgetGuard.settle(small, 0, T0 + 6);
      const after = refusal(await budgetGuard.reserve(key, daily(1), strict(0.1), T0 + 7));
      assert.deepEqual([after.status.spentUsd, after.status.reservedUsd], [0.95, 0]);
      // A capped hold that fits is held whole.
      assert.equal(granted(await budgetGuard.reserve(key, daily(1), capped(0.01), T0 + 8)).amountUsd, 0.01);
    });

    test('a capped hold is refused once spend and holds reach the budget', async () => {
      const budgetGuard = guard();
      const key = nextKey();
      const whole = granted(await budgetGuard.reserve(key, daily(1), strict(1), T0));
      const held = refusal(await budgetGuard.reserve(key, daily(1), capped(0.2), T0 + 1));
      assert.deepEqual([held.status.reservedUsd, held.remainingUsd, held.estimateUsd], [1, 0, 0.2]);
      await budgetGuard.settle(whole, 1.2, T0 + 2);
      // Overspent: what remains is never reported below zero, and even a $0 call is refused.
      const spent = refusal(await budgetGuard.reserve(key, daily(1), capped(0), T0 + 3));
      assert.deepEqual([spent.status.spentUsd, spent.remainingUsd], [1.2, 0]);
    });

    test('a strict hold that does not fit is refused, and the refusal says what remains', async () => {
      const budgetGuard = guard();
      const key = nextKey();
      await budgetGuard.settle(granted(await budgetGuard.reserve(key, daily(1), strict(0.4), T0)), 0.4, T0 + 1);
      const inFlight = granted(await budgetGuard.reserve(key, daily(1), strict(0.2), T0 + 2));
      const refused = refusal(await budgetGuard.reserve(key, daily(1), strict(0.5), T0 + 3));
      assert.deepEqual([refused.status.spentUsd, refused.status.reservedUsd, refused.remainingUsd, refused.estimateUsd], [0.4, 0.2, 0.4, 0.5]);
      // Exactly what remains fits, and is held whole.
      assert.equal(granted(await budgetGuard.reserve(key, daily(1), strict(0.4), T0 + 4)).amountUsd, 0.4);
      await budgetGuard.settle(inFlight, 0.2, T0 + 5);
    });

    test('20 concurrent capped holds never hold past the budget, across clients', async () => {
      const guards = backend().budgetGuards(2);
      const key = nextKey();
      const decisions = await Promise.all(
        Array.from({ length: 20 }, (_, index) => {
          const budgetGuard = guards[index % guards.length];
          if (budgetGuard === undefined) throw new Error('no guard');
          return budgetGuard.reserve(key, daily(5), capped(1.5), T0 + index);
        }),
      );
      const reservations = decisions.flatMap((decision) => (decision.allowed ? [decision.reservation] : []));
      // Three whole holds of 1.5 and one of the remaining 0.5; the other 16 find nothing left.
      assert.equal(reservations.length, 4);
      assert.deepEqual(reservations.map((reservation) => reservation.amountUsd).sort(), [0.5, 1.5, 1.5, 1.5]);
      const [settler, checker] = guards;
      if (settler === undefined || checker === undefined) throw new Error('no guards');
      await Promise.all(reservations.map((reservation) => settler.settle(reservation, reservation.amountUsd, T0 + 100)));
      const after = refusal(await checker.reserve(key, daily(5), capped(0.01), T0 + 200));
      assert.deepEqual([after.status.spentUsd, after.status.reservedUsd, after.remainingUsd], [5, 0, 0]);
    });

    test('the actual cost is committed, even above the estimate', async () => {
      const budgetGuard = guard();
      const key = nextKey();
      await budgetGuard.settle(granted(await budgetGuard.reserve(key, daily(1), strict(0.01), T0)), 0.75, T0 + 1);
      assert.equal(refusal(await budgetGuard.reserve(key, daily(1), strict(0.3), T0 + 2)).status.spentUsd, 0.75);
    });

    test('daily, weekly and monthly budgets reset at UTC boundaries', async () => {
      const budgetGuard = guard();
      const cases = [
        { period: 'day', last: Date.UTC(2025, 0, 15, 23, 59, 59, 999), next: Date.UTC(2025, 0, 16) },
        { period: 'week', last: Date.UTC(2025, 0, 19, 23, 59, 59, 999), next: Date.UTC(2025, 0, 20) },
        { period: 'month', last: Date.UTC(2025, 0, 31, 23, 59, 59, 999), next: Date.UTC(2025, 1, 1) },
      ] as const;
      for (const { period, last, next } of cases) {
        const key = nextKey();
        const limit: BudgetLimit = { budgetUsd: 1, period };
        await budgetGuard.settle(granted(await budgetGuard.reserve(key, limit, strict(1), last - 5)), 1, last - 1);
        const refused = refusal(await budgetGuard.reserve(key, limit, strict(0.5), last));
        assert.equal(refused.status.resetsAt, next, period);
        const fresh = granted(await budgetGuard.reserve(key, limit, strict(0.5), next));
        // A call that straddles the boundary is charged to the period in which it settles.
        await budgetGuard.settle(fresh, 0.5, next + 10);
        assert.equal(refusal(await budgetGuard.reserve(key, limit, strict(0.6), next + 20)).status.spentUsd, 0.5, period);
      }
    });

    test('a lifetime budget never resets', async () => {
      const budgetGuard = guard();
      const key = nextKey();
      const limit: BudgetLimit = { budgetUsd: 2, period: null };
      await budgetGuard.settle(granted(await budgetGuard.reserve(key, limit, strict(1), T0)), 1.5, T0);
      const refused = refusal(await budgetGuard.reserve(key, limit, strict(1), T0 + 400 * 86_400_000));
      assert.equal(refused.status.resetsAt, null);
      assert.match(budgetExceededError(refused).message, /does not reset/);
    });

    test('reservations that are never settled expire', async () => {
      const budgetGuard = guard({ reservationTtlMs: 1000 });
      const key = nextKey();
      const lost = granted(await budgetGuard.reserve(key, daily(1), strict(1), T0));
      assert.equal(lost.expiresAt, T0 + 1000);
      refusal(await budgetGuard.reserve(key, daily(1), strict(0.5), T0 + 999));
      granted(await budgetGuard.reserve(key, daily(1), strict(0.5), T0 + 1000));
    });

    test('seed sets a period\'s spend only once (NX), whichever client seeds', async () => {
      const [first, second] = backend().budgetGuards(2);
      if (first === undefined || second === undefined) throw new Error('no guards');
      const key = nextKey();
      const today = periodStart('day', T0);
      await first.seed(key, 'day', today, 0.8);
      await second.seed(key, 'day', today, 0.1);
      await second.seed(key, 'day', periodStart('day', T0 - 86_400_000), 0.5);
      assert.equal(refusal(await second.reserve(key, daily(1), strict(0.3), T0)).status.spentUsd, 0.8);
      granted(await first.reserve(key, daily(1), strict(0.2), T0));
      // Same start, other period kind: a weekly figure is not a daily one.
      const other = nextKey();
      const monday = Date.UTC(2025, 0, 13);
      await first.seed(other, 'week', monday, 0.9);
      await first.settle(granted(await first.reserve(other, daily(1), strict(0.9), monday + 1)), 0, monday + 2);
      const weekly: BudgetLimit = { budgetUsd: 1, period: 'week' };
      assert.equal(refusal(await first.reserve(other, weekly, strict(0.2), monday + 3)).status.spentUsd, 0.9);
      granted(await first.reserve(other, weekly, strict(0.1), monday + 4));
    });

    test('a spend loader fills a period that has no spend recorded, once', async () => {
      const calls: string[] = [];
      const loadSpend = async (keyId: string, period: string | null, start: number) => {
        calls.push(`${keyId}:${period}:${start}`);
        return 0.9;
      };
      const [first, second] = backend().budgetGuards(2, { loadSpend });
      if (first === undefined || second === undefined) throw new Error('no guards');
      const key = nextKey();
      assert.equal(refusal(await first.reserve(key, daily(1), strict(0.2), T0)).status.spentUsd, 0.9);
      const reservation = granted(await second.reserve(key, daily(1), strict(0.1), T0 + 1));
      await first.settle(reservation, 0.05, T0 + 2);
      assert.equal(refusal(await second.reserve(key, daily(1), strict(0.1), T0 + 3)).status.spentUsd, 0.95);
      assert.ok(calls.length >= 1 && calls.length <= 2, `loader calls: ${calls.length}`);
      assert.equal(calls[0], `${key}:day:${periodStart('day', T0)}`);
    });

    test('a key without a budget is admitted and settles as a no-op', async () => {
      const budgetGuard = guard();
      const decision = granted(await budgetGuard.reserve(nextKey(), { budgetUsd: null, period: 'day' }, strict(1_000), T0));
      assert.deepEqual([decision.tracked, decision.held], [false, false]);
      await budgetGuard.settle(decision, 1_000, T0 + 1);
    });
  });
}
