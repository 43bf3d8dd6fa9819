import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run with EVALSHA (the body is sent only when Redis answers NOSCRIPT, e.g. after a
 * restart). Redis runs a script atomically, which is what makes check-and-count one step across
 * every gateway instance.
 */
export class RedisScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    assertReachable(redis);
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return await redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

/**
 * Fails at once while ioredis is reconnecting after a lost connection, instead of queueing the
 * command until commandTimeout: a dead Redis must not add latency to every request. Commands issued
 * while the first connection is still being made are queued (bounded by commandTimeout).
 */
export function assertReachable(redis: Redis): void {
  if (redis.status === 'reconnecting' || redis.status === 'end' || redis.status === 'close') {
    throw new Error(`Redis is unreachable (connection ${redis.status})`);
  }
}

/** Checks a script's reply is an array of `length` integers (Redis turns Lua numbers into integers). */
export function integerReply(reply: unknown, length: number): number[] {
  if (!Array.isArray(reply) || reply.length !== length || !reply.every((value) => Number.isInteger(value))) {
    throw new Error(`Unexpected reply from a limits script: ${JSON.stringify(reply)}`);
  }
  return reply.map((value) => Number(value));
}
