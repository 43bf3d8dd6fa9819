import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent } from 'undici';
import { createServer } from 'node:http';
import { CallSignal } from './call-signal.js';

test('abort fires listeners once, keeps the reason, and late listeners run at once', () => {
  const signal = new CallSignal();
  let calls = 0;
  const remove = signal.onAbort(() => calls++);
  const removed = signal.onAbort(() => assert.fail('removed listener called'));
  removed();
  signal.abort('because');
  signal.abort('again');
  assert.equal(calls, 1);
  assert.equal(signal.aborted, true);
  assert.equal(signal.reason, 'because');
  remove();
  let late = false;
  signal.onAbort(() => (late = true));
  assert.equal(late, true);
});

test('undici aborts a request in flight when it fires', async (t) => {
  const server = createServer(() => undefined); // never answers
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = new Agent();
  t.after(async () => {
    await agent.close();
    server.closeAllConnections();
    server.close();
  });
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  const signal = new CallSignal();
  const pending = agent.request({ origin: `http://127.0.0.1:${address.port}`, path: '/', method: 'GET', signal });
  setTimeout(() => signal.abort(new Error('client gone')), 20);
  await assert.rejects(pending, /client gone/);
});
