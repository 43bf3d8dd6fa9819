import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { test } from 'node:test';
import { refuseUpgrades } from './refuse-upgrades.js';

/** Sends raw bytes and collects everything until the server closes the connection. */
function exchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.setTimeout(5000, () => reject(new Error('the server left the socket open')));
  });
}

test('a WebSocket upgrade is refused at once: 426 in the OpenAI envelope, then the connection closes', async () => {
  const server = createServer((_request, response) => response.end('plain'));
  refuseUpgrades(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const answer = await exchange(
      port,
      'GET /v1/responses HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    assert.match(head, /^HTTP\/1\.1 426 /);
    assert.match(head, /\r\nConnection: close/i);
    const envelope = JSON.parse(body) as { error: { message: string; type: string; param: unknown; code: string } };
    assert.equal(envelope.error.code, 'websocket_not_supported');
    assert.equal(envelope.error.param, null);
    assert.match(envelope.error.message, /HTTP/);
  } finally {
    server.close();
  }
});
