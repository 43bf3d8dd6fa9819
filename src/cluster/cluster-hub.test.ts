import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { Counter, Registry } from 'prom-client';
import { DeploymentHealth } from '../routing/deployment-health.js';
import { ClusterHub } from './cluster-hub.js';
import { messageChannelPorts, type PortPair } from './testing/message-channel-ports.js';
import { WorkerLink } from './worker-link.js';

/** A primary hub with `count` worker links, each on its own channel. */
function cluster(count: number) {
  const pairs: PortPair[] = [];
  const hub = new ClusterHub({ limits: null, registry: new Registry() });
  const join = (workerId: number) => {
    const ports = messageChannelPorts();
    pairs.push(ports);
    hub.attach(workerId, ports.primary);
    return new WorkerLink(ports.worker, { workerId });
  };
  const links = Array.from({ length: count }, (_, index) => join(index + 1));
  return { hub, links, join, close: () => pairs.forEach((ports) => ports.close()) };
}

test('a key change published by one worker is applied by every other worker before publish() resolves', async (t) => {
  const { links, close } = cluster(3);
  t.after(close);
  const refreshed: string[] = [];
  const events = links.map((link) =>
    link.keyEvents(async (id) => {
      await new Promise((resolve) => setTimeout(resolve, 20)); // a store read
      refreshed.push(`${link.workerId}:${id}`);
    }),
  );
  await events[0]?.publish('key_1');
  assert.deepEqual(refreshed.sort(), ['2:key_1', '3:key_1'], 'the publisher applied it itself; the others before the answer');
});

test('a cooldown on one worker reaches the others, and a worker started later learns it', async (t) => {
  const { links, join, close } = cluster(2);
  t.after(close);
  const healths = links.map(() => new DeploymentHealth({ cooldownMs: 30_000 }));
  const syncs = await Promise.all(links.map((link, index) => link.cooldownSync(healths[index] as DeploymentHealth)));
  const until = Date.now() + 30_000;
  syncs[0]?.publish('openai/gpt-4o', until);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(healths[1]?.isCooling('openai/gpt-4o'), true);

  const late = new DeploymentHealth({ cooldownMs: 30_000 });
  await join(3).cooldownSync(late);
  assert.equal(late.isCooling('openai/gpt-4o'), true);
});

test("GET /metrics on any worker answers the cluster's sum, with the primary's own series", async (t) => {
  const { links, close } = cluster(2);
  t.after(close);
  const apps = links.map((link, index) => {
    const registry = new Registry();
    const requests = new Counter({ name: 'switchyard_requests_total', help: 'requests', labelNames: ['status'], registers: [registry] });
    requests.inc({ status: '200' }, index === 0 ? 3 : 4);
    requests.inc({ status: '429' }, 1);
    const app = Fastify();
    link.registerMetrics(app, registry, 'public');
    return app;
  });
  t.after(() => Promise.all(apps.map((app) => app.close())));
  for (const app of apps) {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /text\/plain/);
    assert.match(response.body, /switchyard_requests_total\{status="200"\} 7\n/);
    assert.match(response.body, /switchyard_requests_total\{status="429"\} 2\n/);
  }
});

test('a worker that cannot give its metrics fails the scrape with a 503 rather than a partial sum', async (t) => {
  const { links, close } = cluster(2);
  t.after(close);
  const app = Fastify();
  // Worker 2 never registered its registry (it is still starting).
  links[0]?.registerMetrics(app, new Registry(), 'public');
  t.after(() => app.close());
  const response = await app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(response.statusCode, 503);
  assert.match(response.body, /metrics could not be gathered/);
});
