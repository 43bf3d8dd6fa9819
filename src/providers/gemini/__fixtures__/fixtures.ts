/** Loads the fixtures in this folder for the adapter's tests, and a deterministic AdapterContext. */
import { readFileSync } from 'node:fs';
import type { SseEvent } from '../../../stream/sse-decoder.js';
import type { AdapterContext } from '../../adapter.js';

const here = new URL('./', import.meta.url);

export const readFixture = (name: string): string => readFileSync(new URL(name, here), 'utf8');

export const readJsonFixture = (name: string): unknown => JSON.parse(readFixture(name));

/** A `*.chunks.txt` file as the decoded SSE events the stream converter receives. */
export const fixtureEvents = (name: string): SseEvent[] =>
  readFixture(name)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((data) => ({ event: undefined, data }));

/** Ids count up per prefix (`call_1`, `call_2`, `chatcmpl-1`), the clock is fixed. */
export function testContext(overrides: Partial<AdapterContext> = {}): AdapterContext {
  const counters = new Map<string, number>();
  return {
    upstreamModel: 'gemini-2.5-flash',
    stream: false,
    includeUsage: false,
    now: () => 1_770_000_000,
    newId: (prefix) => {
      const next = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, next);
      return prefix === 'chatcmpl' ? `chatcmpl-${next}` : `${prefix}_${next}`;
    },
    ...overrides,
  };
}
