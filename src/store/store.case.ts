/**
 * The Store contract: every implementation runs these same cases (Hono's `common.case.test.ts`
 * pattern). Each backend's test file only says how to make a fresh database.
 */
import { describe } from 'node:test';
import { keyCases } from './store-keys.case.js';
import { lifecycleCases } from './store-lifecycle.case.js';
import { overviewCases } from './store-overview.case.js';
import { requestCases } from './store-requests.case.js';
import { usageCases } from './store-usage.case.js';
import type { StoreHarness } from './testing/store-fixtures.js';

export type { StoreHarness, TestDatabase } from './testing/store-fixtures.js';

export function runStoreContract(harness: StoreHarness): void {
  describe(`Store contract: ${harness.name}`, () => {
    lifecycleCases(harness);
    keyCases(harness);
    usageCases(harness);
    requestCases(harness);
    overviewCases(harness);
  });
}
