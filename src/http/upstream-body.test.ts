import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { Agent } from 'undici';
import { CallSignal } from '../core/call-signal.js';
import { GatewayError } from '../core/errors.js';
import { exchange } from './upstream-body.js';

/** A local server answering with `handle`, and an agent to call it. */
async function serve(handle: (request: IncomingMessage, response: ServerResponse) => void) {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new Agent({ connections: null, pipelining: 1 });
  const call = (signal = new CallSignal()) =>
    exchange(agent, { origin, path: '/', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', headersTimeout: 2000, bodyTimeout: 2000 }, signal);
  const close = async () => {
    await agent.destroy();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return { call, close, sockets };
}

test('the head comes with lowercased headers (repeats as a list), and the body reads whole as text', async (t) => {
  const { call, close } = await serve((_request, response) => {
    response.writeHead(201, [['Content-Type', 'application/json'], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']]);
    response.write('{"hello":');
    setTimeout(() => response.end('"world"}'), 10);
  });
  t.after(close);
  const head = await call();
  assert.equal(head.status, 201);
  assert.equal(head.headers['content-type'], 'application/json');
  assert.deepEqual(head.headers['set-cookie'], ['a=1', 'b=2']);
  assert.equal(await head.body.text(1000), '{"hello":"world"}');
});

test('a body past the limit is refused with an upstream error, and the connection is dropped', async (t) => {
  let closed = false;
  const { call, close } = await serve((_request, response) => {
    response.on('close', () => (closed = true));
    response.writeHead(200);
    const timer = setInterval(() => response.write('x'.repeat(1000)), 2);
    response.on('close', () => clearInterval(timer));
  });
  t.after(close);
  const head = await call();
  await assert.rejects(head.body.text(10_000), (error: unknown) => error instanceof GatewayError && /larger than 10000 bytes/.test(error.message));
  for (let waited = 0; !closed && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(closed, 'the upstream saw the request go away');
});

test('chunks read one by one; a reader that stops early aborts the rest', async (t) => {
  let closed = false;
  const { call, close } = await serve((_request, response) => {
    response.on('close', () => (closed = true));
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: 1\n\n');
    setTimeout(() => response.write('data: 2\n\n'), 20);
  });
  t.after(close);
  const { body } = await call();
  assert.equal(Buffer.from(((await body.next()).value as Uint8Array)).toString(), 'data: 1\n\n');
  assert.equal(Buffer.from(((await body.next()).value as Uint8Array)).toString(), 'data: 2\n\n');
  await body.return();
  assert.deepEqual(await body.next(), { done: true, value: undefined });
  for (let waited = 0; !closed && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(closed);
});

test('an unread body past 64 KB pauses the connection, and reading resumes it to the end', async (t) => {
  // More than loopback's socket buffers can hold, so the writer must wait for the reader.
  const total = 64 * 1024 * 1024;
  let written = 0;
  let sawBackpressure = false;
  const { call, close } = await serve((_request, response) => {
    response.writeHead(200);
    const chunk = Buffer.alloc(64 * 1024, 'y');
    const pump = () => {
      while (written < total) {
        written += chunk.length;
        if (!response.write(chunk)) {
          sawBackpressure = true;
          response.once('drain', pump);
          return;
        }
      }
      response.end();
    };
    pump();
  });
  t.after(close);
  const { body } = await call();
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.ok(written < total, `the server could not write all ${total} bytes while nothing was read (${written})`);
  assert.ok(sawBackpressure);
  let read = 0;
  for await (const chunk of body) read += chunk.byteLength;
  assert.equal(read, total);
});

test('an aborted call signal fails the exchange: while the body is read, and before it starts', async (t) => {
  const { call, close } = await serve((request, response) => {
    if (request.headers['x-late'] === undefined) {
      response.writeHead(200);
      response.write('partial');
    }
  });
  t.after(close);
  const early = new CallSignal();
  const pending = call(early);
  setTimeout(() => early.abort(), 20);
  const { body } = await pending;
  const next = await body.next();
  assert.equal(next.done, false);
  const waiting = body.next();
  early.abort();
  await assert.rejects(waiting, (error: unknown) => error instanceof Error && error.name === 'AbortError');

  const before = new CallSignal();
  before.abort();
  await assert.rejects(call(before), (error: unknown) => error instanceof Error && error.name === 'AbortError');
});

test('what arrived while nobody was reading comes out as one chunk, as a byte stream reads it', async (t) => {
  const { call, close } = await serve((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    for (let index = 1; index <= 3; index++) response.write(`data: ${index}\n\n`);
    response.end();
  });
  t.after(close);
  const { body } = await call();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const first = await body.next();
  assert.equal(Buffer.from(first.value as Uint8Array).toString(), 'data: 1\n\ndata: 2\n\ndata: 3\n\n');
  assert.equal((await body.next()).done, true);
});
