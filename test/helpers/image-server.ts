/** A tiny local HTTP server serving one PNG, counting its hits (for remote-media inlining tests). */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TINY_PNG_BASE64 } from './tiny-png.js';

export interface ImageServer {
  /** URL of the PNG on 127.0.0.1. */
  url: string;
  hits: number;
  close(): Promise<void>;
}

export async function startImageServer(): Promise<ImageServer> {
  const bytes = Buffer.from(TINY_PNG_BASE64, 'base64');
  const state = { hits: 0 };
  const server = createServer((request, response) => {
    state.hits++;
    if (request.url !== '/cat.png') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(bytes.length) });
    response.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/cat.png`,
    get hits() {
      return state.hits;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
