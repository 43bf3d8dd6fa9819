import { Redis } from 'ioredis';

export interface RedisClientOptions {
  /** Bound on any single command, queueing included; a limit check must never hang a request. */
  commandTimeoutMs?: number;
  /** Connection errors land here (ioredis would otherwise print "Unhandled error event"). */
  onError?: (error: Error) => void;
}

/**
 * A Redis connection tuned for the request path: fail fast and let the caller decide (fail open or
 * closed) rather than wait. Reconnects in the background, backing off to 2 s between attempts.
 */
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const client = new Redis(url, {
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    // Queued commands fail after one reconnect attempt instead of ioredis's default 20.
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    // How long disconnect() waits for a socket to close; ioredis's 2 s would hold up shutdown.
    disconnectTimeout: 200,
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 2_000),
    // Concurrent limit checks share one round trip.
    enableAutoPipelining: true,
  });
  client.on('error', (error: Error) => options.onError?.(error));
  return client;
}

/** Closes politely, or drops the socket when Redis is not there to answer QUIT. */
export async function closeRedisClient(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
