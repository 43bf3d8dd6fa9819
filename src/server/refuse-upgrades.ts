/**
 * Switchyard speaks HTTP only. Codex can try the Responses API over a WebSocket
 * (`GET /v1/responses` with `Upgrade: websocket`); the answer is an immediate 426 in the OpenAI
 * envelope with `Connection: close`, on which Codex falls back to HTTP + SSE, instead of a socket
 * left waiting. Node hands upgrade requests to the 'upgrade' event, bypassing Fastify, so the
 * answer is written on the raw socket here.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayError, toEnvelope } from '../core/errors.js';

export function refuseUpgrades(server: Server): void {
  server.on('upgrade', (_request, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    socket.end(upgradeRefusal());
  });
}

export function upgradeRefusal(): string {
  const error = new GatewayError(
    426,
    'WebSocket connections are not supported: use HTTP (POST /v1/responses, with stream: true for server-sent events).',
    { type: 'invalid_request_error', code: 'websocket_not_supported' },
  );
  const body = JSON.stringify(toEnvelope(error));
  return [
    'HTTP/1.1 426 Upgrade Required',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
