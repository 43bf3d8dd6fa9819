import { after } from 'node:test';
import { openStore } from './open-store.js';
import { runStoreContract } from './store.case.js';
import { PostgresTestDatabase } from './testing/postgres-test-database.js';

const database = new PostgresTestDatabase();
after(() => database.drop());

runStoreContract({
  name: 'Postgres',
  concurrentInstances: true,
  async createDatabase() {
    const schema = await database.createSchema();
    return { open: (options) => openStore(schema.url, options), destroy: schema.drop };
  },
  openUnreachable: () => openStore('postgres://switchyard@127.0.0.1:1/switchyard'),
});
