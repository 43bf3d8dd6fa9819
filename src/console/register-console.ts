/**
 * Serves the web console at /ui from the built files (dist/console/ui): no auth to load it — every
 * piece of data comes from the admin API, which the page calls with the master key as a Bearer
 * header. Unhashed file names, so every file is revalidated (ETag → 304) instead of cached blindly.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadConsoleAssets, type ConsoleAsset } from './console-assets.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { PUBLIC } from '../server/route-access.js';

export interface ConsoleOptions {
  /** The directory holding index.html, styles.css and the compiled modules. */
  assetsDir: string;
}

/** The built console: beside this module once compiled (dist/console/ui); from the sources (tsx) the build in dist/. */
export function defaultConsoleAssetsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'ui');
  if (existsSync(join(beside, 'main.js'))) return beside;
  return join(here, '..', '..', 'dist', 'console', 'ui');
}

export function registerConsole(app: FastifyInstance, options: ConsoleOptions): void {
  const assets = loadConsoleAssets(options.assetsDir);

  const serve = (request: FastifyRequest, reply: FastifyReply, path: string) => {
    reply.headers(SECURITY_HEADERS);
    const asset = assets.get(path);
    if (asset !== undefined) return sendAsset(request, reply, asset);
    if (path === 'index.html') {
      return reply.code(503).type('text/plain; charset=utf-8').send('The console has not been built. Run `npm run build` and restart Switchyard.\n');
    }
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found.\n');
  };

  app.get('/ui', PUBLIC, (request, reply) => serve(request, reply, 'index.html'));
  app.get<{ Params: { '*': string } }>('/ui/*', PUBLIC, (request, reply) => {
    const path = request.params['*'];
    return serve(request, reply, path === '' ? 'index.html' : path);
  });
  // The root has nothing else to show a person who opens the gateway's address in a browser.
  if (!app.hasRoute({ method: 'GET', url: '/' })) {
    app.get('/', PUBLIC, (_request, reply) => reply.redirect('/ui/', 302));
  }
}

function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: ConsoleAsset): FastifyReply {
  reply.header('cache-control', 'no-cache').header('etag', asset.etag).header('vary', 'accept-encoding');
  if (matchesEtag(request.headers['if-none-match'], asset.etag)) return reply.code(304).send();
  reply.type(asset.contentType);
  if (asset.gzipped !== null && acceptsGzip(request.headers['accept-encoding'])) {
    return reply.header('content-encoding', 'gzip').send(asset.gzipped);
  }
  return reply.send(asset.body);
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => {
    const [coding, ...parameters] = part.trim().toLowerCase().split(';');
    return coding === 'gzip' && !parameters.some((parameter) => /^\s*q=0(\.0*)?\s*$/.test(parameter));
  });
}
