/**
 * Key-change fan-out between instances over Redis pub/sub: the instance that changed a key
 * publishes its id; every instance re-reads that key into its cache.
 */
import { Redis } from 'ioredis';

const CHANNEL = 'switchyard:keys:changed';

export interface KeyEvents {
  publish(id: string): Promise<void>;
  close(): Promise<void>;
}

export const noKeyEvents: KeyEvents = { publish: async () => undefined, close: async () => undefined };

export async function connectKeyEvents(
  url: string,
  onChange: (id: string) => void,
  onError: (error: unknown) => void,
): Promise<KeyEvents> {
  const options = { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false } as const;
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, { ...options, enableOfflineQueue: true, maxRetriesPerRequest: null });
  publisher.on('error', onError);
  subscriber.on('error', onError);
  await Promise.all([publisher.connect(), subscriber.connect()]);
  subscriber.on('message', (_channel: string, id: string) => onChange(id));
  await subscriber.subscribe(CHANNEL);
  return {
    async publish(id) {
      try {
        await publisher.publish(CHANNEL, id);
      } catch (error) {
        onError(error); // the poll still carries the change within a second
      }
    },
    async close() {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
