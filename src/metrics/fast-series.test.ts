import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Counter, Histogram, Registry } from 'prom-client';
import { FastCounter, FastHistogram } from './fast-series.js';

test('the fast metrics print exactly what prom-client prints for the same observations', async () => {
  const fast = new Registry();
  const slow = new Registry();
  const buckets = [0.01, 0.1, 1];
  const fastCounter = new FastCounter({ name: 'c_total', help: 'c', labelNames: ['model', 'status'], registers: [fast] });
  const slowCounter = new Counter({ name: 'c_total', help: 'c', labelNames: ['model', 'status'], registers: [slow] });
  const fastHistogram = new FastHistogram({ name: 'h_seconds', help: 'h', labelNames: ['model'], buckets, registers: [fast] });
  const slowHistogram = new Histogram({ name: 'h_seconds', help: 'h', labelNames: ['model'], buckets, registers: [slow] });
  for (const [model, status, seconds] of [['a', '200', 0.005], ['a', '200', 0.5], ['b', '502', 2], ['a', '200', 0.1]] as const) {
    fastCounter.cell(`${model}/${status}`, { model, status }).value += 1;
    slowCounter.inc({ model, status });
    fastHistogram.observeIn(fastHistogram.cell(model, { model }), seconds);
    slowHistogram.observe({ model }, seconds);
  }
  assert.equal(await fast.metrics(), await slow.metrics());
  const json = async (registry: Registry): Promise<unknown> => JSON.parse(JSON.stringify(await registry.getMetricsAsJSON()));
  assert.deepEqual(await json(fast), await json(slow), 'and the JSON cluster mode aggregates');
});
