/**
 * The differential test every compiled request check (simple-chat-request.ts and the doors' own)
 * must pass: whatever it accepts among generated bodies, its schema accepts and leaves unchanged,
 * so the fast path can hand on the body itself. Fails too when the generator seldom reaches the
 * fast path, since the test would then prove little.
 */
import assert from 'node:assert/strict';
import type { z } from 'zod';

export interface Agreement {
  check: (body: unknown) => boolean;
  schema: z.ZodType;
  /** A deterministic body generator per seed. */
  generator: (seed: number) => () => unknown;
  /** Bodies the check must accept at least, over all seeds. */
  minimumAccepted: number;
  seeds?: number;
  runsPerSeed?: number;
}

export function assertCheckAgreesWithSchema({ check, schema, generator, minimumAccepted, seeds = 4, runsPerSeed = 20_000 }: Agreement): void {
  let accepted = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const next = generator(seed);
    for (let run = 0; run < runsPerSeed; run++) {
      const body = next();
      if (!check(body)) continue;
      accepted++;
      const parsed = schema.safeParse(body);
      assert.ok(parsed.success, `accepted but the schema refuses: ${JSON.stringify(body)} — ${parsed.success ? '' : parsed.error.message}`);
      assert.deepEqual(parsed.data, body, `the schema would have changed ${JSON.stringify(body)}`);
    }
  }
  assert.ok(accepted > minimumAccepted, `the generator reaches the fast path (${accepted} bodies)`);
}
