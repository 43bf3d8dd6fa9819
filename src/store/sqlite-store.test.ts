import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './open-store.js';
import { runStoreContract } from './store.case.js';

runStoreContract({
  name: 'SQLite file',
  concurrentInstances: false,
  async createDatabase() {
    const directory = await mkdtemp(join(tmpdir(), 'switchyard-store-'));
    // A missing parent directory is part of the contract: openStore creates it.
    const url = `sqlite:${join(directory, 'nested', 'switchyard.db')}`;
    return { open: (options) => openStore(url, options), destroy: () => rm(directory, { recursive: true, force: true }) };
  },
});
