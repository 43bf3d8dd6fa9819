/**
 * Authentication is decided by the route Fastify matched, for every spelling of every path: a
 * percent-encoded letter, doubled slashes, dot segments, case, trailing slashes and `;` parameters
 * never reach a route without the key it requires, and no route is public unless declared so.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { admin, MASTER_KEY, startGateway, type TestGateway } from '../helpers/gateway.js';
import { bearer, rawRequest } from './raw-http.js';

/** The only routes anyone may call without a key. Adding one here is a deliberate decision. */
const PUBLIC_ROUTES = ['GET /', 'GET /health', 'GET /metrics', 'GET /ready', 'GET /ui', 'GET /ui/*'];

/** A concrete path for a route pattern (parameters filled with plausible values). */
const concrete = (url: string, keyId: string): string => url.replace(':id', keyId).replace('*', 'gpt-4o');

/** Hostile spellings of a path the router may still match to the route. */
function spellings(path: string): string[] {
  const segments = path.split('/').filter((segment) => segment !== '');
  const first = segments[0] ?? '';
  const rest = segments.slice(1).join('/');
  const encodeFirstLetter = (segment: string) => `%${segment.charCodeAt(0).toString(16)}${segment.slice(1)}`;
  const encodeAll = (segment: string) => [...segment].map((character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`).join('');
  const tail = rest === '' ? '' : `/${rest}`;
  const variants = [
    path,
    `/${encodeFirstLetter(first)}${tail}`,
    `/${encodeAll(first)}${tail}`,
    `/${first}/${segments.slice(1).map(encodeFirstLetter).join('/')}`,
    `/%25${first.charCodeAt(0).toString(16)}${first.slice(1)}${tail}`,
    `//${first}${tail}`,
    `/${first}//${rest}`,
    `/${first}/../${first}${tail}`,
    `/./${first}${tail}`,
    `/x/../${first}${tail}`,
    path.toUpperCase(),
    `/${first.toUpperCase()}${tail}`,
    `${path}/`,
    `${path};a=b`,
    `/${first};x${tail}`,
    `${path}%2F`,
    `/${first}%2F${rest}`,
    `${path}?x=1`,
    `${path}#frag`,
    `${path}%00`,
    `/${first}\\${rest}`,
  ];
  return [...new Set(variants)];
}

describe('authentication by matched route', () => {
  let gateway: TestGateway;
  let virtualKey: string;
  let keyId: string;

  before(async () => {
    gateway = await startGateway();
    const created = await admin(gateway, 'POST', '/admin/keys', { name: 'ordinary client' });
    virtualKey = created.body.key as string;
    keyId = created.body.id as string;
  });
  after(async () => {
    await gateway.close();
  });

  test('every route declares who may call it; only the listed ones are public', () => {
    const table = gateway.app.server.routeAccess;
    assert.ok(table.length > 15, `the route table is recorded (${table.length} routes)`);
    const publicRoutes = [...new Set(table.filter((route) => route.access === 'public' && route.method !== 'HEAD').map((route) => `${route.method} ${route.url}`))].sort();
    assert.deepEqual(publicRoutes, PUBLIC_ROUTES);
    for (const route of table) {
      if (route.url.startsWith('/admin')) assert.equal(route.access, 'master', `${route.method} ${route.url} is master-only`);
      if (route.url.startsWith('/v1')) assert.equal(route.access, 'client', `${route.method} ${route.url} needs a key`);
    }
  });

  test('no spelling of an admin route answers without the master key', async () => {
    const routes = gateway.app.server.routeAccess.filter((route) => route.access === 'master');
    assert.ok(routes.length >= 10, 'admin routes are under test');
    for (const route of routes) {
      for (const path of spellings(concrete(route.url, keyId))) {
        const body = ['POST', 'PATCH'].includes(route.method) ? '{"name":"x"}' : undefined;
        const json: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
        const anonymous = await rawRequest(gateway.url, route.method, path, { headers: json, ...(body === undefined ? {} : { body }) });
        assert.ok([400, 401, 404].includes(anonymous.status), `${route.method} ${path} without a key answered ${anonymous.status}: ${anonymous.text.slice(0, 200)}`);
        assert.doesNotMatch(anonymous.text, /key_prefix|"spend_usd"|sy-/, `${route.method} ${path} leaked key data`);
        const client = await rawRequest(gateway.url, route.method, path, { headers: { ...json, ...bearer(virtualKey) }, ...(body === undefined ? {} : { body }) });
        assert.ok([400, 403, 404].includes(client.status), `${route.method} ${path} with a virtual key answered ${client.status}: ${client.text.slice(0, 200)}`);
        assert.doesNotMatch(client.text, /key_prefix|"spend_usd"/, `${route.method} ${path} leaked key data to a virtual key`);
      }
      // The canonical spelling gives the precise answers.
      const path = concrete(route.url, keyId);
      assert.equal((await rawRequest(gateway.url, route.method, path)).status, 401, `${route.method} ${path} without a key`);
      assert.equal((await rawRequest(gateway.url, route.method, path, { headers: bearer(virtualKey) })).status, 403, `${route.method} ${path} with a virtual key`);
    }
  });

  test('no spelling of a /v1 route answers without a key', async () => {
    const routes = gateway.app.server.routeAccess.filter((route) => route.url.startsWith('/v1'));
    assert.ok(routes.length >= 3, '/v1 routes are under test');
    for (const route of routes) {
      for (const path of spellings(concrete(route.url, keyId))) {
        const body = route.method === 'POST' ? JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }) : undefined;
        const response = await rawRequest(gateway.url, route.method, path, { headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body }) });
        assert.ok([400, 401, 404].includes(response.status), `${route.method} ${path} without a key answered ${response.status}: ${response.text.slice(0, 200)}`);
      }
    }
    assert.equal(gateway.upstream.requests.length, 0, 'nothing reached the upstream');
  });

  test('the master key and a virtual key still work where they should', async () => {
    const keys = await rawRequest(gateway.url, 'GET', '/%61dmin/keys', { headers: bearer(MASTER_KEY) });
    assert.equal(keys.status, 200, 'the decoded spelling is the same route, for the master key');
    const models = await rawRequest(gateway.url, 'GET', '/v1/models', { headers: bearer(virtualKey) });
    assert.equal(models.status, 200);
    const health = await rawRequest(gateway.url, 'GET', '/health');
    assert.equal(health.status, 200);
  });
});
