import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import type { KeyPolicy } from '../auth/principal.js';
import type { AdmissionRequest } from '../chat/admission.js';
import { LimitsAdmission } from '../chat/limits-admission.js';
import { GatewayError } from '../core/errors.js';
import { zeroTokens } from '../core/usage.js';
import { BackendFailures } from '../limits/backend-failures.js';
import { MemoryBudgetGuard } from '../limits/memory-budget-guard.js';
import { MemoryRateLimiter } from '../limits/memory-rate-limiter.js';
import { ClusterHub } from './cluster-hub.js';
import { createIpcLimits } from './create-ipc-limits.js';
import { IpcPeer } from './ipc-channel.js';
import { clusterProtocol } from './cluster-protocol.js';
import { LEASE_MS } from './lease-terms.js';
import { messageChannelPorts, type PortPair } from './testing/message-channel-ports.js';

/** $2.50 / $10 per million tokens: 100 prompt + 100 output tokens cost exactly $0.00125. */
const PRICE = { inputPerMtok: 2.5, outputPerMtok: 10 };
const CALL_USD = 0.00125;
const CALL_TOKENS = { ...zeroTokens(), prompt: 100, completion: 100 };

/** A primary hub on memory limits and `count` workers, each admitting through its own leases; counts what each worker asks. */
function cluster(count: number) {
  const pairs: PortPair[] = [];
  const primary = { rateLimiter: new MemoryRateLimiter(), budgetGuard: new MemoryBudgetGuard({ failures: new BackendFailures(() => undefined) }) };
  const hub = new ClusterHub({ limits: primary, registry: new Registry() });
  const workers = Array.from({ length: count }, (_, index) => {
    const ports = messageChannelPorts();
    pairs.push(ports);
    hub.attach(index + 1, ports.primary);
    const asked = { admits: 0 };
    const counted = {
      ...ports.worker,
      send: (message: object, onFailure: (error: Error) => void) => {
        asked.admits += JSON.stringify(message).split('"limits.admit"').length - 1;
        ports.worker.send(message, onFailure);
      },
    };
    const limits = createIpcLimits(new IpcPeer(counted, clusterProtocol), { warn: () => undefined });
    const admission = new LimitsAdmission(limits.rateLimiter, limits.budgetGuard, (error) => assert.fail(String(error)), limits.lease === undefined ? {} : { lease: limits.lease });
    return { admission, limits, asked };
  });
  const close = async () => {
    for (const worker of workers) await worker.limits.close();
    for (const ports of pairs) ports.close();
  };
  return { primary, workers, close };
}

function key(limits: Partial<KeyPolicy>): KeyPolicy {
  return { id: 'key-1', name: 'leased', models: null, rpm: null, tpm: null, budgetUsd: null, budgetPeriod: null, expiresAt: null, ...limits };
}

const request = (policy: KeyPolicy): AdmissionRequest => ({ principal: { kind: 'key', key: policy }, model: 'gpt-4o', promptTokens: 100, maxOutputTokens: 100, price: PRICE });

/** Admits `calls` calls on one worker, `concurrency` at a time, each settled at its exact cost; counts those admitted. */
async function drive(admission: LimitsAdmission, policy: KeyPolicy, calls: number, concurrency: number): Promise<{ admitted: number; refused: string[] }> {
  let next = 0;
  let admitted = 0;
  const refused: string[] = [];
  const lane = async () => {
    while (next < calls) {
      next += 1;
      try {
        const ticket = await admission.admit(request(policy));
        admitted += 1;
        await new Promise((resolve) => setImmediate(resolve));
        ticket.settle(CALL_TOKENS, CALL_USD);
      } catch (error) {
        refused.push(error instanceof GatewayError ? String(error.code) : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { admitted, refused };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a roomy key is admitted from leases: a few asks for thousands of calls, and once the leases are back the primary counts exactly what was used', async (t) => {
  const { primary, workers, close } = cluster(2);
  t.after(close);
  const policy = key({ rpm: 1_000_000, tpm: 1_000_000_000, budgetUsd: 1000, budgetPeriod: 'day' });
  const runs = await Promise.all(workers.map((worker) => drive(worker.admission, policy, 2000, 16)));
  assert.deepEqual(runs.map((run) => run.admitted), [2000, 2000]);
  for (const worker of workers) assert.ok(worker.asked.admits < 100, `${worker.asked.admits} asks for 2,000 calls`);

  // Leases expire within LEASE_MS and go back with the next bookkeeping batch.
  await sleep(2 * LEASE_MS + 200);
  const now = Date.now();
  const window = primary.rateLimiter.admitNow('key-1', { rpm: 1_000_000, tpm: null }, 0, now);
  assert.equal(window.requests?.used, 4001, 'the 4,000 calls and this check: unused slots were taken back');
  const remaining = primary.budgetGuard.remainingUsdNow('key-1', { budgetUsd: 1000, period: 'day' }, now);
  assert.ok(remaining !== undefined && Math.abs(remaining - (1000 - 4000 * CALL_USD)) < 1e-9, `remaining ${remaining}: spent exactly, nothing left held`);
});

test('near its rpm a leased key admits exactly the rpm across two workers: leases are taken back before a refusal', async (t) => {
  const { workers, close } = cluster(2);
  t.after(close);
  const policy = key({ rpm: 300 });
  const runs = await Promise.all(workers.map((worker) => drive(worker.admission, policy, 250, 16)));
  assert.equal(runs[0]!.admitted + runs[1]!.admitted, 300, JSON.stringify(runs.map((run) => run.admitted)));
  assert.deepEqual([...new Set(runs.flatMap((run) => run.refused))], ['rate_limit_exceeded']);
  assert.ok(workers.some((worker) => worker.asked.admits < 200), 'leases answered some calls');
});

test('a budget drawn down through leases admits exactly what fits, across two workers', async (t) => {
  const { workers, close } = cluster(2);
  t.after(close);
  const policy = key({ budgetUsd: 400 * CALL_USD, budgetPeriod: 'day' });
  const runs = await Promise.all(workers.map((worker) => drive(worker.admission, policy, 300, 16)));
  assert.equal(runs[0]!.admitted + runs[1]!.admitted, 400, JSON.stringify(runs.map((run) => run.admitted)));
  assert.deepEqual([...new Set(runs.flatMap((run) => run.refused))], ['budget_exceeded']);
});

test('a key with small limits gets no lease: every call is decided by the primary', async (t) => {
  const { workers, close } = cluster(2);
  t.after(close);
  const policy = key({ rpm: 20, budgetUsd: 1, budgetPeriod: 'day' });
  const runs = await Promise.all(workers.map((worker) => drive(worker.admission, policy, 15, 4)));
  assert.equal(runs[0]!.admitted + runs[1]!.admitted, 20);
  assert.deepEqual(workers.map((worker) => worker.asked.admits), [15, 15]);
});

test('a worker refused while another holds unused slots is not refused: the primary takes the lease back first', async (t) => {
  const { workers, close } = cluster(2);
  t.after(close);
  const policy = key({ rpm: 400 });
  // Worker 1 warms up a lease and then goes quiet with its slots unused.
  const first = await drive(workers[0]!.admission, policy, 20, 1);
  assert.equal(first.admitted, 20);
  const second = await drive(workers[1]!.admission, policy, 500, 8);
  assert.equal(first.admitted + second.admitted, 400, `worker 2 admitted ${second.admitted}`);
});

test('the same for a budget: a block another worker holds unused is released before a call is refused', async (t) => {
  const { workers, close } = cluster(2);
  t.after(close);
  const policy = key({ budgetUsd: 400 * CALL_USD, budgetPeriod: 'day' });
  const first = await drive(workers[0]!.admission, policy, 20, 1);
  const second = await drive(workers[1]!.admission, policy, 500, 8);
  assert.equal(first.admitted + second.admitted, 400, `worker 2 admitted ${second.admitted}`);
  assert.deepEqual([...new Set(second.refused)], ['budget_exceeded']);
});
