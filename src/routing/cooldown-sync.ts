/**
 * Cooldowns shared between instances through Redis: a cooldown is published on a channel and kept
 * as a key with a TTL, so instances that start later learn the ones still running.
 */
import { Redis } from 'ioredis';
import type { CooldownSync, DeploymentHealth } from './deployment-health.js';

const CHANNEL = 'switchyard:cooldowns';
const PREFIX = 'switchyard:cooldown:';

export async function connectCooldownSync(url: string, health: DeploymentHealth, onError: (error: unknown) => void): Promise<CooldownSync & { close(): Promise<void> }> {
  const options = { lazyConnect: true, maxRetriesPerRequest: 1 } as const;
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, { ...options, maxRetriesPerRequest: null });
  publisher.on('error', onError);
  subscriber.on('error', onError);
  await Promise.all([publisher.connect(), subscriber.connect()]);
  subscriber.on('message', (_channel: string, message: string) => {
    const [id, until] = splitMessage(message);
    if (id !== null) health.coolLocally(id, until);
  });
  await subscriber.subscribe(CHANNEL);
  // Learn the cooldowns already running.
  let cursor = '0';
  do {
    const [next, keys] = await publisher.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 100);
    cursor = next;
    for (const key of keys) {
      const until = Number(await publisher.get(key));
      if (until > Date.now()) health.coolLocally(key.slice(PREFIX.length), until);
    }
  } while (cursor !== '0');

  return {
    publish(id, untilMs) {
      const ttl = Math.max(1, untilMs - Date.now());
      publisher
        .multi()
        .set(`${PREFIX}${id}`, String(untilMs), 'PX', ttl)
        .publish(CHANNEL, `${untilMs} ${id}`)
        .exec()
        .catch(onError);
    },
    async close() {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}

function splitMessage(message: string): [string | null, number] {
  const space = message.indexOf(' ');
  if (space < 0) return [null, 0];
  return [message.slice(space + 1), Number(message.slice(0, space))];
}
