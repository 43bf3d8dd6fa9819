import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newId } from './new-id.js';

test('ids look like OpenAI\'s: prefix, then 24 letters and digits', () => {
  assert.match(newId('chatcmpl'), /^chatcmpl-[A-Za-z0-9]{24}$/);
  assert.match(newId('call'), /^call_[A-Za-z0-9]{24}$/);
  assert.match(newId('msg'), /^msg-[A-Za-z0-9]{24}$/);
});

test('ids do not repeat, across many pool refills, and use the whole alphabet evenly', () => {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  for (let index = 0; index < 20_000; index++) {
    const id = newId('chatcmpl');
    seen.add(id);
    for (const character of id.slice(9)) counts.set(character, (counts.get(character) ?? 0) + 1);
  }
  assert.equal(seen.size, 20_000);
  assert.equal(counts.size, 62);
  const expected = (20_000 * 24) / 62;
  for (const [character, count] of counts) assert.ok(Math.abs(count - expected) < expected * 0.1, `${character}: ${count} against ${expected.toFixed(0)}`);
});
