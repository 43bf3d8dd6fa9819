import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { GatewayError } from '../core/errors.js';
import { limitsUnavailableError } from '../limits/limit-errors.js';
import { IpcPeer, IpcRemoteError, IpcUnavailableError } from './ipc-channel.js';
import { messageChannelPorts } from './testing/message-channel-ports.js';

const protocol = {
  calls: {
    echo: { request: z.object({ text: z.string(), delayMs: z.number() }), result: z.object({ text: z.string() }) },
    fail: { request: z.object({ gateway: z.boolean() }), result: z.null() },
    wrong: { request: z.object({}), result: z.object({ count: z.number() }) },
    never: { request: z.object({}), result: z.null() },
  },
  events: { ping: z.object({ n: z.number() }) },
};

function connect(timeoutMs = 200) {
  const ports = messageChannelPorts();
  const errors: unknown[] = [];
  const server = new IpcPeer(ports.primary, protocol, { onError: (error) => errors.push(error) });
  const client = new IpcPeer(ports.worker, protocol, { timeoutMs, onError: (error) => errors.push(error) });
  server.handle('echo', async ({ text, delayMs }) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return { text };
  });
  server.handle('fail', ({ gateway }) => {
    throw gateway ? limitsUnavailableError(new Error('store down')) : new Error('boom');
  });
  // Answers a shape the caller's schema refuses.
  server.handle('wrong', () => ({ count: 'three' }) as unknown as { count: number });
  server.handle('never', () => new Promise<null>(() => undefined));
  return { ports, server, client, errors };
}

test('calls are matched to their answers by id, whatever order the answers come in', async (t) => {
  const { ports, client } = connect();
  t.after(() => ports.close());
  const answers = await Promise.all([
    client.call('echo', { text: 'slow', delayMs: 40 }),
    client.call('echo', { text: 'fast', delayMs: 0 }),
    client.call('echo', { text: 'middle', delayMs: 20 }),
  ]);
  assert.deepEqual(answers, [{ text: 'slow' }, { text: 'fast' }, { text: 'middle' }]);
});

test('a call without an answer in time fails with a timeout, and a late answer is dropped', async (t) => {
  const { ports, client } = connect(50);
  t.after(() => ports.close());
  const started = performance.now();
  await assert.rejects(client.call('echo', { text: 'late', delayMs: 150 }), (error: unknown) => error instanceof IpcUnavailableError && error.reason === 'timeout');
  const elapsed = performance.now() - started;
  assert.ok(elapsed >= 45 && elapsed < 140, `timed out after ${Math.round(elapsed)} ms`);
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.deepEqual(await client.call('echo', { text: 'next', delayMs: 0 }), { text: 'next' });
});

test('a closed channel (the other process died) fails pending calls at once, and every later one', async (t) => {
  const { ports, client } = connect(5_000);
  t.after(() => ports.close());
  const pending = client.call('never', {});
  const started = performance.now();
  ports.close();
  await assert.rejects(pending, (error: unknown) => error instanceof IpcUnavailableError && error.reason === 'closed');
  assert.ok(performance.now() - started < 500, 'not after the 5 s timeout');
  await assert.rejects(client.call('echo', { text: 'x', delayMs: 0 }), (error: unknown) => error instanceof IpcUnavailableError && error.reason === 'closed');
  assert.equal(client.closed, true);
  client.notify('ping', { n: 1 }); // dropped, no throw
});

test('a GatewayError crosses the channel whole; other errors arrive as IpcRemoteError', async (t) => {
  const { ports, client } = connect();
  t.after(() => ports.close());
  await assert.rejects(client.call('fail', { gateway: true }), (error: unknown) => {
    assert.ok(error instanceof GatewayError);
    assert.deepEqual([error.status, error.code, error.type, error.headers['retry-after']], [503, 'limits_unavailable', 'server_error', '1']);
    return true;
  });
  await assert.rejects(client.call('fail', { gateway: false }), (error: unknown) => error instanceof IpcRemoteError && error.message === 'boom');
});

test('both ends validate: a bad payload is refused by the handler, a bad answer by the caller', async (t) => {
  const { ports, client } = connect();
  t.after(() => ports.close());
  await assert.rejects(client.call('echo', { text: 42 } as unknown as { text: string; delayMs: number }), IpcRemoteError);
  await assert.rejects(client.call('wrong', {}), (error: unknown) => error instanceof IpcRemoteError && /malformed cluster answer/.test(error.message));
});

test('events arrive in order; messages of other libraries on the same pipe are ignored', async (t) => {
  const { ports, server, client, errors } = connect();
  t.after(() => ports.close());
  const seen: number[] = [];
  server.on('ping', ({ n }) => seen.push(n));
  ports.worker.send({ type: 'prom-client:getMetricsReq', requestId: 1 }, () => undefined);
  ports.worker.send({ channel: 'switchyard', kind: 'nonsense' }, () => undefined);
  for (const n of [1, 2, 3]) client.notify('ping', { n });
  await client.call('echo', { text: 'barrier', delayMs: 0 });
  assert.deepEqual(seen, [1, 2, 3]);
  assert.equal(errors.length, 1, 'only the malformed switchyard message is reported');
});

test('calls made in one turn of the event loop share one pipe write', async (t) => {
  const ports = messageChannelPorts();
  t.after(() => ports.close());
  let writes = 0;
  const counted = { ...ports.worker, send: (message: object, onFailure: (error: Error) => void) => (writes++, ports.worker.send(message, onFailure)) };
  const server = new IpcPeer(ports.primary, protocol);
  server.handle('echo', ({ text }) => ({ text }));
  const client = new IpcPeer(counted, protocol);
  const answers = await Promise.all(Array.from({ length: 50 }, (_, index) => client.call('echo', { text: String(index), delayMs: 0 })));
  assert.equal(answers.length, 50);
  assert.equal(writes, 1);
});
