import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerConsole } from './register-console.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with the path sent byte for byte (fetch and inject would normalise `..` away). */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: url.hostname, port: url.port, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('registerConsole', () => {
  const root = mkdtempSync(join(tmpdir(), 'sy-console-'));
  const assetsDir = join(root, 'ui');
  let app: FastifyInstance;
  let base: string;

  before(async () => {
    mkdirSync(join(assetsDir, 'views'), { recursive: true });
    writeFileSync(join(assetsDir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(assetsDir, 'main.js'), `export const big = ${JSON.stringify('x'.repeat(4000))};\n`);
    writeFileSync(join(assetsDir, 'styles.css'), 'body { margin: 0 }');
    writeFileSync(join(assetsDir, 'views', 'keys-view.js'), 'export {};');
    writeFileSync(join(assetsDir, 'notes.md'), 'not a servable kind of file');
    writeFileSync(join(assetsDir, '.env'), 'SECRET=1');
    writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET');
    app = Fastify();
    registerConsole(app, { assetsDir });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('serves index.html at /ui and /ui/ with the security headers', async () => {
    for (const path of ['/ui', '/ui/']) {
      const response = await rawGet(base, path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(response.body.toString(), '<!doctype html><title>console</title>');
      const csp = String(response.headers['content-security-policy']);
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /connect-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(response.headers['referrer-policy'], 'no-referrer');
      assert.equal(response.headers['cache-control'], 'no-cache');
    }
  });

  test('serves each file with its content type, nested ones included', async () => {
    const cases: Array<[string, string]> = [
      ['/ui/main.js', 'text/javascript; charset=utf-8'],
      ['/ui/styles.css', 'text/css; charset=utf-8'],
      ['/ui/views/keys-view.js', 'text/javascript; charset=utf-8'],
    ];
    for (const [path, type] of cases) {
      const response = await rawGet(base, path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers['content-type'], type, path);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
    }
  });

  test('answers 304 to a matching If-None-Match and gzips when asked', async () => {
    const first = await rawGet(base, '/ui/main.js');
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[\w-]+"$/);
    const again = await rawGet(base, '/ui/main.js', { 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    const gzipped = await rawGet(base, '/ui/main.js', { 'accept-encoding': 'br, gzip' });
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gzipped.body), first.body);
    const refused = await rawGet(base, '/ui/main.js', { 'accept-encoding': 'gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
  });

  test('refuses directory traversal in every spelling', async () => {
    const attempts = [
      '/ui/../secret.txt',
      '/ui/..%2fsecret.txt',
      '/ui/%2e%2e/secret.txt',
      '/ui/%2e%2e%2fsecret.txt',
      '/ui/..%5csecret.txt',
      '/ui/views/../../secret.txt',
      '/ui/%252e%252e%252fsecret.txt',
      '/ui//etc/passwd',
      `/ui/${encodeURIComponent(join(root, 'secret.txt'))}`,
    ];
    for (const path of attempts) {
      const response = await rawGet(base, path);
      assert.notEqual(response.status, 200, path);
      assert.ok(!response.body.toString().includes('TOP-SECRET'), path);
    }
  });

  test('404s for unknown files, hidden files and kinds of file it does not serve', async () => {
    for (const path of ['/ui/missing.js', '/ui/notes.md', '/ui/.env', '/ui/views', '/ui/views/']) {
      const response = await rawGet(base, path);
      assert.equal(response.status, 404, path);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
    }
  });

  test('redirects the bare root to the console', async () => {
    const response = await rawGet(base, '/');
    assert.equal(response.status, 302);
    assert.equal(response.headers.location, '/ui/');
  });

  test('says how to build the console when it has not been built', async () => {
    const bare = Fastify();
    registerConsole(bare, { assetsDir: join(root, 'nowhere') });
    const response = await bare.inject({ method: 'GET', url: '/ui' });
    assert.equal(response.statusCode, 503);
    assert.match(response.body, /npm run build/);
    await bare.close();
  });
});
