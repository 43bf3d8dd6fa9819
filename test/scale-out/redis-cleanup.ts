/**
 * The gateway keeps its limit state under `switchyard:` with the API key id hash-tagged
 * (`switchyard:ratelimit:{key_…}:requests`, `switchyard:budget:{key_…}:…`, see src/limits/README.md).
 * Key ids are random, so deleting the keys of this file's ids touches nobody else's state.
 */
import { Redis } from 'ioredis';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** Fails with instructions when Redis is not there (a missing Redis is a failure, not a skip). */
export async function checkRedis(): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`The scale-out tests need Redis at ${REDIS_URL} (${error instanceof Error ? error.message : String(error)}). Start it (e.g. \`redis-server --daemonize yes\`).`);
  } finally {
    redis.disconnect();
  }
}

/** Deletes every Redis key belonging to these API key ids; returns how many were deleted. */
export async function deleteLimitState(keyIds: readonly string[]): Promise<number> {
  if (keyIds.length === 0) return 0;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  let deleted = 0;
  try {
    for (const id of keyIds) {
      if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`unexpected key id ${id}`);
      let cursor = '0';
      for (let page = 0; page < 1000; page++) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `switchyard:*{${id}}*`, 'COUNT', 1000);
        if (keys.length > 0) deleted += await redis.del(...keys);
        cursor = next;
        if (cursor === '0') break;
      }
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}
