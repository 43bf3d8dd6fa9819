/**
 * A pooled connection that dies while it is in use (a failover, a network cut, a terminated backend)
 * fails the call that was using it; it must not take the process down, and the pool must recover.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import pg from 'pg';
import { PostgresTestDatabase } from '../testing/postgres-test-database.js';
import { usageRecord } from '../testing/store-fixtures.js';
import { openPostgresStore } from './open-postgres-store.js';

const database = new PostgresTestDatabase();
after(() => database.drop());

test('a connection killed during a write fails that write, not the process; the next write succeeds', async (t) => {
  const schema = await database.createSchema();
  t.after(schema.drop);
  const store = openPostgresStore(schema.url, { poolSize: 1 });
  t.after(() => store.close());
  await store.migrate();

  const locker = new pg.Client({ connectionString: schema.url, application_name: 'switchyard-test-locker' });
  await locker.connect();
  t.after(() => locker.end());
  // Holding the table makes the store's insert wait inside its transaction, its connection checked out.
  await locker.query('begin');
  await locker.query('lock table usage_records in access exclusive mode');
  const write = store.insertUsage([usageRecord({ id: 'req_killed' })]);
  write.catch(() => undefined); // asserted below; keeps the rejection handled meanwhile

  let pid: number | undefined;
  for (let attempt = 0; attempt < 200 && pid === undefined; attempt++) {
    const { rows } = await locker.query<{ pid: number }>(
      "select pid from pg_stat_activity where datname = current_database() and application_name = 'switchyard' and wait_event_type = 'Lock'",
    );
    pid = rows[0]?.pid;
    if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.ok(pid !== undefined, 'the insert waits for the lock');
  await locker.query('select pg_terminate_backend($1)', [pid]);
  await assert.rejects(write);
  await locker.query('rollback');

  // The broken connection left the pool; a new one serves the retry.
  assert.equal(await store.insertUsage([usageRecord({ id: 'req_killed' }), usageRecord({ id: 'req_after' })]), 2);
});
