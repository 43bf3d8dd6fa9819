import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { test } from 'node:test';
import { GatewayError } from '../core/errors.js';
import { createLimits, type LimitsOptions } from './create-limits.js';
import { deleteKeys, TEST_REDIS_URL } from './redis-test-backend.js';
import { createRedisClient, closeRedisClient } from './create-redis-client.js';

const limits = { rpm: 10, tpm: 1000 };
const budget = { budgetUsd: 5, period: 'day' } as const;

/** Listens on an ephemeral loopback port and answers it. */
async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  return address.port;
}

/** A port nothing listens on: bind an ephemeral one, then let it go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

function unreachable(port: number, extra: Partial<LimitsOptions> = {}) {
  const warnings: string[] = [];
  const limitsService = createLimits({
    redisUrl: `redis://127.0.0.1:${port}`,
    commandTimeoutMs: 300,
    warn: (message) => warnings.push(message),
    ...extra,
  });
  return { ...limitsService, warnings };
}

test('with Redis unreachable, rate limits fail open quickly and budgets fail closed with a 503', async (t) => {
  const service = unreachable(await closedPort());
  t.after(() => service.close());
  const first = await timed(() => service.rateLimiter.admit('key-1', limits, 10, Date.now()));
  assert.deepEqual(first.value, { allowed: true, degraded: true, requests: null, tokens: null });
  assert.ok(first.ms < 1_500, `first check took ${first.ms} ms`);
  // Once ioredis knows the connection is down, checks fail at once instead of waiting.
  const many = await timed(() => Promise.all(Array.from({ length: 50 }, () => service.rateLimiter.admit('key-1', limits, 10, Date.now()))));
  assert.ok(many.value.every((decision) => decision.allowed && decision.degraded));
  assert.ok(many.ms < 500, `50 checks took ${many.ms} ms`);
  // A key without limits never needs Redis.
  assert.equal((await service.rateLimiter.admit('key-2', { rpm: null, tpm: null }, 0, Date.now())).allowed, true);
  await service.rateLimiter.recordTokens('key-1', 100, Date.now());

  const refusal = await timed(() => service.budgetGuard.reserve('key-1', budget, { amountUsd: 0.1, capToRemaining: false }, Date.now()).then(() => null, (error: unknown) => error));
  assert.ok(refusal.value instanceof GatewayError);
  assert.deepEqual([refusal.value.status, refusal.value.code, refusal.value.headers['retry-after']], [503, 'limits_unavailable', '1']);
  assert.ok(refusal.ms < 1_500, `budget check took ${refusal.ms} ms`);
  await service.budgetGuard.seed('key-1', 'day', 0, 1);

  assert.ok(service.failures.count >= 53, `failures counted: ${service.failures.count}`);
  assert.ok(service.warnings.length >= 1 && service.warnings.length <= 2, service.warnings.join('\n'));
  assert.match(service.warnings.join('\n'), /switchyard limits: .*(failed open|lost)/);
});

test('with budgetFailOpen, an unreachable Redis lets budgeted calls through unheld', async (t) => {
  const service = unreachable(await closedPort(), { budgetFailOpen: true });
  t.after(() => service.close());
  const decision = await service.budgetGuard.reserve('key-1', budget, { amountUsd: 0.1, capToRemaining: false }, Date.now());
  assert.equal(decision.allowed, true);
  if (decision.allowed) {
    assert.deepEqual([decision.reservation.tracked, decision.reservation.held], [true, false]);
    await service.budgetGuard.settle(decision.reservation, 0.1, Date.now());
  }
});

/** A TCP relay to the real Redis that can be cut, to lose Redis in the middle of a run. */
async function relayToRedis(): Promise<{ port: number; cut: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(6379, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  const port = await listen(server);
  const cut = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return { port, cut };
}

test('losing Redis mid-run: the next checks fail open within the command timeout', async (t) => {
  const relay = await relayToRedis();
  const keyPrefix = `switchyard:test-${randomUUID()}:`;
  const service = unreachable(relay.port, { keyPrefix });
  t.after(async () => {
    await service.close();
    const cleaner = createRedisClient(TEST_REDIS_URL);
    await deleteKeys(cleaner, keyPrefix);
    await closeRedisClient(cleaner);
  });
  const before = await service.rateLimiter.admit('key-1', limits, 10, Date.now());
  assert.deepEqual([before.allowed, before.allowed && before.degraded, before.requests?.used], [true, false, 1]);
  await relay.cut();
  const after = await timed(() => service.rateLimiter.admit('key-1', limits, 10, Date.now()));
  assert.equal(after.value.allowed && after.value.degraded, true);
  assert.ok(after.ms < 1_500, `check after the cut took ${after.ms} ms`);
  await assert.rejects(service.budgetGuard.reserve('key-1', budget, { amountUsd: 0.1, capToRemaining: false }, Date.now()), { status: 503 });
});
