import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestIdAt } from './request-id.js';

test('request ids are unique, sort by time, and carry 48 random bits of the process after the millisecond', () => {
  const ids = Array.from({ length: 10_000 }, () => requestIdAt(1_770_000_000_000));
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^req_[0-9a-f]{32}$/);
  assert.ok(requestIdAt(1_770_000_000_001) > (ids[0] as string).slice(0, 16), 'a later millisecond sorts after');
  assert.equal((ids[0] as string).slice(4, 16), (1_770_000_000_000).toString(16).padStart(12, '0'));
});
