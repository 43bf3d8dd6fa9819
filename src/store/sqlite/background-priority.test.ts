import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../open-store.js';
import { usageRecord } from '../testing/store-fixtures.js';
import { BACKGROUND_NICE } from './background-priority.js';

/** The nice value of each of this process's threads (field 19 of /proc/self/task/<id>/stat, after the command name). */
function threadNices(): number[] {
  return readdirSync('/proc/self/task').map((thread) => {
    const stat = readFileSync(`/proc/self/task/${thread}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

test('the usage worker thread runs at nice 10, behind the event loop; every other thread keeps its priority', { skip: process.platform !== 'linux' && 'threads are read through /proc' }, async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'switchyard-priority-'));
  t.after(() => rm(directory, { recursive: true, force: true }));
  const before = threadNices();
  assert.ok(!before.includes(BACKGROUND_NICE), 'no thread is lowered before the worker starts');
  const store = await openStore(`sqlite:${join(directory, 'usage.db')}`);
  t.after(() => store.close());
  await store.migrate();
  // The worker starts with the first batch.
  assert.equal(await store.insertUsage([usageRecord()]), 1);
  const after = threadNices();
  assert.equal(after.filter((nice) => nice === BACKGROUND_NICE).length, 1, `one thread lowered: ${after.join(',')}`);
  assert.equal(after.filter((nice) => nice !== BACKGROUND_NICE && nice !== before[0]).length, 0, 'the others as they were');
});
