import { loadConfig, type Environment } from '../config/load-config.js';
import { connectKeyEvents, noKeyEvents } from '../keys/key-events.js';
import { KeyService } from '../keys/key-service.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import type { CommonOptions } from './options.js';

/** Opens the configured store (migrated) for a CLI command and closes it afterwards. */
export async function withStore<T>(
  env: Environment,
  common: CommonOptions,
  work: (store: Store, keys: KeyService) => Promise<T>,
): Promise<T> {
  const config = loadConfig({ env, ...common });
  const store = await openStore(config.storeUrl);
  // Running gateways hear about key changes at once through Redis (or within a second by polling).
  const events = config.redisUrl === null ? noKeyEvents : await connectKeyEvents(config.redisUrl, () => undefined, () => undefined).catch(() => noKeyEvents);
  try {
    await store.migrate();
    return await work(store, new KeyService(store, null, events));
  } finally {
    await events.close();
    await store.close();
  }
}
