import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RestartBackoff } from './restart-backoff.js';

test('workers that keep dying young wait longer each time, up to the cap', () => {
  const backoff = new RestartBackoff({ initialMs: 250, maxMs: 4000, healthyAfterMs: 60_000 });
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(() => backoff.next(100)), [250, 500, 1000, 2000, 4000, 4000, 4000]);
});

test('a worker that ran long enough before dying is restarted after the first delay again', () => {
  const backoff = new RestartBackoff({ initialMs: 250, maxMs: 30_000, healthyAfterMs: 60_000 });
  backoff.next(10);
  backoff.next(10);
  assert.equal(backoff.next(10), 1000);
  assert.equal(backoff.next(60_000), 250);
  assert.equal(backoff.next(10), 500);
});
