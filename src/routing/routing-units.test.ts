import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProviderEndpoint } from '../config/config.js';
import { backoffMs, retryAfterMs } from './backoff.js';
import { DeploymentHealth } from './deployment-health.js';
import { orderDeployments, weightedShuffle } from './order-deployments.js';
import type { Deployment } from './resolve-model.js';

const provider = (name: string): ProviderEndpoint => ({ name, type: 'openai', baseUrl: 'http://x', apiKey: 'k', apiVersion: null, headers: {} });
const deployment = (name: string, weight = 1): Deployment => ({ provider: provider(name), model: 'm', weight, id: `${name}/m` });

test('weighted order picks first in proportion to weight', () => {
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const counts = { a: 0, b: 0 };
  for (let run = 0; run < 4000; run++) {
    const first = weightedShuffle([{ name: 'a', weight: 3 }, { name: 'b', weight: 1 }], random)[0];
    counts[first?.name as 'a' | 'b']++;
  }
  assert.ok(counts.a > 2800 && counts.a < 3200, JSON.stringify(counts));
});

test('least-busy prefers fewer calls in flight; lowest-latency prefers the faster (unmeasured first)', () => {
  const health = new DeploymentHealth({ cooldownMs: 1000 });
  const [a, b, c] = [deployment('a'), deployment('b'), deployment('c')];
  health.started('a/m');
  health.started('a/m');
  health.started('b/m');
  assert.deepEqual(orderDeployments([a, b, c], 'least-busy', health).healthy.map((d) => d.provider.name), ['c', 'b', 'a']);
  health.succeeded('a/m', 50);
  health.succeeded('b/m', 10);
  assert.deepEqual(orderDeployments([a, b, c], 'lowest-latency', health).healthy.map((d) => d.provider.name), ['c', 'b', 'a']);
});

test('three failures in a row cool a deployment down for cooldown_s; a success resets the count', () => {
  let now = 0;
  const cooled: string[] = [];
  const health = new DeploymentHealth({ cooldownMs: 30_000, now: () => now, onCooldown: (id) => cooled.push(id) });
  health.failed('a/m', null);
  health.failed('a/m', null);
  health.succeeded('a/m', 5);
  health.failed('a/m', null);
  assert.equal(health.isCooling('a/m'), false);
  health.failed('a/m', null);
  health.failed('a/m', null);
  assert.equal(health.isCooling('a/m'), true);
  assert.deepEqual(cooled, ['a/m']);
  assert.deepEqual(orderDeployments([deployment('a'), deployment('b')], 'weighted', health).cooling.map((d) => d.provider.name), ['a']);
  now = 30_001;
  assert.equal(health.isCooling('a/m'), false);
});

test('a 429 cools at once for its Retry-After; cooldown_s 0 switches cooldowns off', () => {
  const health = new DeploymentHealth({ cooldownMs: 30_000, now: () => 0 });
  health.failed('a/m', 5000);
  assert.equal(health.isCooling('a/m'), true);
  const off = new DeploymentHealth({ cooldownMs: 0, now: () => 0 });
  for (let index = 0; index < 5; index++) off.failed('a/m', 5000);
  assert.equal(off.isCooling('a/m'), false);
});

test('backoff grows exponentially with full jitter and honours Retry-After', () => {
  assert.equal(backoffMs(1, null, () => 1), 250);
  assert.equal(backoffMs(3, null, () => 1), 1000);
  assert.equal(backoffMs(10, null, () => 1), 4000, 'capped');
  assert.equal(backoffMs(1, 2000, () => 0.5), 2000);
  assert.equal(retryAfterMs({ 'retry-after': '3' }), 3000);
  assert.equal(retryAfterMs({ 'retry-after-ms': '150' }), 150);
  assert.equal(retryAfterMs({ 'retry-after': new Date(10_000).toUTCString() }, 4000), 6000);
  assert.equal(retryAfterMs({}), null);
});

test('health state stays bounded when clients invent deployment ids; cooling ones are kept', () => {
  const health = new DeploymentHealth({ cooldownMs: 30_000 });
  health.failed('openai/cooling', 60_000);
  for (let index = 0; index < 25_000; index++) {
    health.started(`openai/invented-${index}`);
    health.succeeded(`openai/invented-${index}`, 5);
  }
  assert.ok(health.size <= 10_001, `tracked ${health.size}`);
  assert.equal(health.isCooling('openai/cooling'), true);
});
