/** A deterministic AdapterContext for adapter tests (fixed clock, counting ids). */
import type { AdapterContext } from './adapter.js';

export function testContext(overrides: Partial<AdapterContext> = {}): AdapterContext {
  let counter = 0;
  return {
    upstreamModel: 'test-model',
    stream: false,
    includeUsage: false,
    now: () => 1_700_000_000,
    newId: (prefix) => `${prefix}-${++counter}`,
    ...overrides,
  };
}
