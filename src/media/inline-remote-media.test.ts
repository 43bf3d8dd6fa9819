import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, test } from 'node:test';
import type { ChatRequest } from '../core/chat-request.js';
import { GatewayError } from '../core/errors.js';
import { createMediaFetcher, MediaFetchError, type MediaFetcher } from './fetch-remote-media.js';
import { inlineRemoteMedia } from './inline-remote-media.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const PDF = Buffer.from('%PDF-1.7 tiny');
const limits = { allowPrivateAddresses: true, maxBytes: 1_000, timeoutMs: 2_000 };

let server: Server;
let base = '';
const sockets = new Set<Socket>();
const hits: string[] = [];

before(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    hits.push(path);
    switch (path) {
      case '/cat.png':
        response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
        return;
      case '/cat-octet':
        response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(PNG);
        return;
      case '/doc.pdf':
        response.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF);
        return;
      case '/page.html':
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html></html>');
        return;
      case '/declared-big':
        response.writeHead(200, { 'content-type': 'image/png', 'content-length': '5000' }).end(Buffer.alloc(5000));
        return;
      case '/chunked-big':
        response.writeHead(200, { 'content-type': 'image/png' });
        for (let index = 0; index < 20; index++) response.write(Buffer.alloc(200));
        response.end();
        return;
      case '/slow':
        return; // never answers
      case '/missing':
        response.writeHead(404).end('nope');
        return;
      case '/redirect':
        response.writeHead(302, { location: '/cat.png' }).end();
        return;
      case '/redirect-twice':
        response.writeHead(301, { location: `${base}/redirect` }).end();
        return;
      case '/loop':
        response.writeHead(307, { location: '/loop' }).end();
        return;
      default:
        response.writeHead(500).end();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function requestWith(...urls: string[]): ChatRequest {
  return {
    model: 'gemini-2.5-flash',
    messages: [
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [{ type: 'text', text: 'What is this?' }, ...urls.map((url) => ({ type: 'image_url' as const, image_url: { url, detail: 'high' as const } }))],
      },
    ],
  };
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GatewayError, `expected a GatewayError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the promise to reject');
}

const userParts = (request: ChatRequest) => {
  const message = request.messages[1];
  assert.ok(message?.role === 'user' && Array.isArray(message.content));
  return message.content;
};

test('downloads an http image into a data URL and keeps the other fields', async () => {
  const out = await inlineRemoteMedia(requestWith(`${base}/cat.png`), limits);
  const part = userParts(out)[1];
  assert.deepEqual(part, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG.toString('base64')}`, detail: 'high' } });
  assert.deepEqual(userParts(out)[0], { type: 'text', text: 'What is this?' });
});

test('a request without remote media is returned as it is', async () => {
  const request = requestWith('data:image/png;base64,AAAA');
  assert.equal(await inlineRemoteMedia(request, limits), request);
});

test('several images are fetched concurrently and a repeated URL only once', async () => {
  let running = 0;
  let peak = 0;
  const fetched: string[] = [];
  const fetcher: MediaFetcher = async (url) => {
    running++;
    peak = Math.max(peak, running);
    fetched.push(url);
    await new Promise((resolve) => setTimeout(resolve, 20));
    running--;
    return { mimeType: 'image/jpeg', bytes: Buffer.from(url) };
  };
  const urls = ['https://a.example/1.jpg', 'https://a.example/2.jpg', 'https://a.example/1.jpg', 'https://a.example/3.jpg'];
  const out = await inlineRemoteMedia(requestWith(...urls), limits, fetcher);
  assert.equal(fetched.length, 3);
  assert.ok(peak > 1, 'downloads overlap');
  const parts = userParts(out);
  assert.deepEqual(parts[1], parts[3]);
  assert.deepEqual(parts[2], { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${Buffer.from(urls[1] ?? '').toString('base64')}`, detail: 'high' } });
});

test('file parts with an http URL are inlined too (PDF)', async () => {
  const request: ChatRequest = {
    messages: [{ role: 'user', content: [{ type: 'file', file: { file_data: `${base}/doc.pdf`, filename: 'doc.pdf' } }] }],
  };
  const out = await inlineRemoteMedia(request, limits);
  assert.deepEqual(out.messages[0], {
    role: 'user',
    content: [{ type: 'file', file: { file_data: `data:application/pdf;base64,${PDF.toString('base64')}`, filename: 'doc.pdf' } }],
  });
});

test('an octet-stream image is accepted when its bytes are an image', async () => {
  const out = await inlineRemoteMedia(requestWith(`${base}/cat-octet`), limits);
  const part = userParts(out)[1];
  assert.ok(part?.type === 'image_url' && part.image_url.url.startsWith('data:image/png;base64,'));
});

test('redirects are followed (relative and absolute), at most three', async () => {
  const out = await inlineRemoteMedia(requestWith(`${base}/redirect-twice`), limits);
  const part = userParts(out)[1];
  assert.ok(part?.type === 'image_url' && part.image_url.url.startsWith('data:image/png;base64,'));
  const error = await rejection(inlineRemoteMedia(requestWith(`${base}/loop`), limits));
  assert.match(error.message, /redirected more than 3 times/);
});

test('errors are 400 invalid_request naming the field: too large (declared and streamed), HTTP error, not an image, timeout', async () => {
  const cases: [string, RegExp, Partial<typeof limits>?][] = [
    ['/declared-big', /larger than the limit of 1000 bytes \(content-length 5000\)/],
    ['/chunked-big', /larger than the limit of 1000 bytes/],
    ['/missing', /answered HTTP 404/],
    ['/page.html', /is not an image \(content type text\/html\)/],
    ['/slow', /did not download within 200 ms/, { timeoutMs: 200 }],
  ];
  for (const [path, message, override] of cases) {
    const error = await rejection(inlineRemoteMedia(requestWith(`${base}/cat.png`, `${base}${path}`), { ...limits, ...override }));
    assert.equal(error.status, 400, path);
    assert.equal(error.code, 'invalid_request', path);
    assert.equal(error.param, 'messages[1].content[2].image_url.url', path);
    assert.match(error.message, message, path);
    assert.match(error.message, /^The image at messages\[1\]\.content\[2\]\.image_url\.url \(host 127\.0\.0\.1:\d+\) /, path);
  }
});

test('only http and https URLs are fetched', async () => {
  const fetcher = createMediaFetcher(limits);
  try {
    await assert.rejects(fetcher.fetch('ftp://example.com/a.png', 'image', new AbortController().signal), (error: unknown) => {
      return error instanceof MediaFetchError && /only http and https/.test(error.message);
    });
  } finally {
    await fetcher.close();
  }
});

test('loopback URLs are refused when private addresses are not allowed (IP literal and host name)', async () => {
  const strict = { ...limits, allowPrivateAddresses: false };
  const port = (server.address() as AddressInfo).port;
  const before = hits.length;
  for (const url of [`${base}/cat.png`, `http://localhost:${port}/cat.png`, `http://[::1]:${port}/cat.png`, `http://2130706433:${port}/cat.png`]) {
    const error = await rejection(inlineRemoteMedia(requestWith(url), strict));
    assert.equal(error.param, 'messages[1].content[1].image_url.url', url);
    assert.match(error.message, /points to a loopback address .*only fetches media from public addresses/, url);
  }
  assert.equal(hits.length, before, 'no request reached the server');
});

test('a public name that resolves to a private address is refused at connect time; the resolved address is the one connected to', async () => {
  const port = (server.address() as AddressInfo).port;
  // media.test "resolves" to loopback: the guard runs inside the socket's lookup, on the address used.
  const resolveAll = (_host: string, _options: object, callback: (error: null, addresses: { address: string; family: number }[]) => void) =>
    callback(null, [{ address: '127.0.0.1', family: 4 }]);
  const strict = createMediaFetcher({ ...limits, allowPrivateAddresses: false }, resolveAll);
  const lenient = createMediaFetcher(limits, resolveAll);
  try {
    await assert.rejects(strict.fetch(`http://media.test:${port}/cat.png`, 'image', new AbortController().signal), /points to a loopback address \(127\.0\.0\.1\)/);
    const media = await lenient.fetch(`http://media.test:${port}/redirect`, 'image', new AbortController().signal);
    assert.equal(media.mimeType, 'image/png');
  } finally {
    await strict.close();
    await lenient.close();
  }
});
