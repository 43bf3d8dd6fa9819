import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { sweepIdleConnections } from './sweep-idle-connections.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a keep-alive connection busy at close is closed once answered, not after the 72 s keep-alive timeout', async () => {
  const app = Fastify();
  let arrived: () => void = () => undefined;
  const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
  app.get('/slow', async () => {
    arrived();
    await sleep(200);
    return { answered: true };
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const answer = fetch(`${url}/slow`); // undici keeps the connection alive after the answer
  await requestArrived;

  const stopSweeping = sweepIdleConnections(app.server, 20);
  const closed = app.close();
  const response = await answer;
  assert.equal(response.status, 200, 'the call in flight is answered');
  assert.deepEqual(await response.json(), { answered: true });
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([closed.then(() => 'closed'), new Promise((resolve) => (timer = setTimeout(() => resolve('still open'), 2_000)))]);
  clearTimeout(timer);
  stopSweeping();
  if (outcome !== 'closed') {
    app.server.closeAllConnections();
    await closed;
  }
  assert.equal(outcome, 'closed');
});
