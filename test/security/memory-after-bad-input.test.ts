/**
 * A burst of malformed requests — 32 MB bodies that are not JSON, chunked ones, bodies cut off
 * half way — must not leave the gateway holding memory: RSS after GC stays within 100 MB of idle.
 * (It held +300–500 MB before: Fastify collected each body as thousands of 64 KB chunks, which
 * glibc keeps resident after they are freed; src/server/json-body.ts explains the fix.)
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { FakeUpstream } from '../fakes/fake-upstream.js';
import { openaiWire } from '../fakes/openai-wire.js';
import { ensureBuilt } from '../scale-out/gateway-processes.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const KEY = 'sy-memory-test-master-0123456789';
const MB = 1024 * 1024;

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
}

let upstream: FakeUpstream;
let server: ChildProcess;
let port = 0;

before(async () => {
  ensureBuilt();
  upstream = await FakeUpstream.start({ 'openai-compatible': openaiWire });
  server = spawn(process.execPath, ['--expose-gc', '--import', `${ROOT}test/helpers/gc-hook.mjs`, `${ROOT}bin/switchyard.js`, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    env: { PATH: process.env.PATH ?? '', SWITCHYARD_MASTER_KEY: KEY, SWITCHYARD_DATABASE_URL: 'sqlite::memory:', SWITCHYARD_LOG_LEVEL: 'silent', OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: `${upstream.url}/v1` },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    server.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match?.[1]) {
        port = Number(match[1]);
        resolve();
      }
    });
    server.once('exit', (code) => reject(new Error(`the gateway exited (${String(code)}) before listening: ${output}`)));
  });
});
after(async () => {
  server.kill('SIGKILL');
  await upstream.close();
});

async function memory(): Promise<Memory> {
  server.send('memory');
  const [reply] = (await once(server, 'message')) as [{ memory: Memory }];
  return reply.memory;
}

/** A body of `size` bytes that starts like a chat request and is not JSON. */
function malformed(size: number): Buffer {
  const body = Buffer.alloc(size, 0x61);
  body.write('{"model":"gpt-4o-mini","messages":[{"role":"user","content":"');
  body.write('"}]}}x', size - 6);
  return body;
}

/** Raw HTTP, so bodies can be chunked or cut off; resolves with the status (or 'closed'). */
function send(body: Buffer, options: { chunked?: boolean; cutAt?: number } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const finish = () => {
      socket.destroy();
      resolve(answer.slice(9, 12) || 'closed');
    };
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (/\r\n\r\n[^]*\}$/.test(answer)) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', async () => {
      const framing = options.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.length}`;
      socket.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\n${framing}\r\n\r\n`);
      const stop = options.cutAt ?? body.length;
      for (let offset = 0; offset < stop && !socket.destroyed; offset += MB) {
        const piece = body.subarray(offset, Math.min(offset + MB, stop));
        const framed = options.chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece;
        if (!socket.write(framed)) await once(socket, 'drain');
      }
      if (socket.destroyed) return;
      if (options.chunked) socket.write('0\r\n\r\n');
      else if (options.cutAt !== undefined) socket.end();
    });
  });
}

test('after a burst of malformed 32 MB bodies, RSS after GC stays within 100 MB of idle', { skip: process.platform !== 'linux' && 'glibc-specific' }, async () => {
  const chat = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
  for (let warm = 0; warm < 3; warm++) {
    const response = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: chat });
    assert.equal(response.status, 200);
    await response.text();
  }
  const idle = await memory();
  const big = malformed(32 * MB - 1024);
  const plan: Array<() => Promise<string>> = [
    ...Array.from({ length: 50 }, () => () => send(big)),
    ...Array.from({ length: 25 }, () => () => send(big, { chunked: true })),
    ...Array.from({ length: 25 }, () => () => send(big, { cutAt: 20 * MB })),
    ...Array.from({ length: 20 }, () => () => send(malformed(8 * MB))),
  ];
  const statuses: Record<string, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < plan.length) {
        const status = await (plan[next++] as () => Promise<string>)();
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  assert.ok((statuses['400'] ?? 0) >= 70, `the malformed bodies were refused with 400: ${JSON.stringify(statuses)}`);
  const afterBurst = await memory();
  const growthMb = (afterBurst.rss - idle.rss) / MB;
  assert.ok(growthMb <= 100, `RSS grew ${growthMb.toFixed(0)} MB (idle ${(idle.rss / MB).toFixed(0)} MB, after ${(afterBurst.rss / MB).toFixed(0)} MB; heap +${((afterBurst.heapUsed - idle.heapUsed) / MB).toFixed(1)} MB)`);
  const ok = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: chat });
  assert.equal(ok.status, 200, 'and it still serves');
});
