/**
 * `switchyard serve --workers 2`, end to end with the built binary: one primary and two gateway
 * workers on one port, one SQLite file, no Redis. Limits and budgets must hold exactly across the
 * workers (the primary holds them), a revoke on one worker must be refused by both at once,
 * /metrics must answer for the whole cluster, a crashed worker must come back, and SIGTERM must
 * finish the calls in flight and flush their usage before the primary exits.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { estimateTokens } from '../../src/chat/estimate-tokens.js';
import { parseChatRequest } from '../../src/core/parse-chat-request.js';
import { zeroTokens } from '../../src/core/usage.js';
import { computeCost } from '../../src/pricing/compute-cost.js';
import { defaultAnswer, FakeUpstream } from '../fakes/fake-upstream.js';
import { openaiWire } from '../fakes/openai-wire.js';
import { Redis } from 'ioredis';
import { createKey, MASTER_KEY, pollUntil } from '../scale-out/gateway-http.js';
import { ensureBuilt, ProcessGroup, type GatewayProcess } from '../scale-out/gateway-processes.js';
import { checkRedis, deleteLimitState, REDIS_URL } from '../scale-out/redis-cleanup.js';

const WORKER_HEADER = 'x-switchyard-worker';
const GPT_4O = { inputPerMtok: 2.5, outputPerMtok: 10 };
// The fake answers 12 prompt + 6 completion tokens; this prompt is estimated at exactly that.
const CALL_USD = computeCost({ ...zeroTokens(), prompt: 12, completion: 6 }, GPT_4O);
const EXACT_PROMPT = 'Say hello to the scale-out test!';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One call on a fresh TCP connection, so the cluster spreads calls over its workers. */
function call(url: string, method: string, path: string, key: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const outgoing = httpRequest(`${url}${path}`, {
      method,
      agent: false,
      timeout: 10_000,
      headers: { authorization: `Bearer ${key}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
    });
    outgoing.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      response.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${path} timed out`)));
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

const chat = (url: string, key: string, options: { content?: string; maxTokens?: number; model?: string } = {}) =>
  call(url, 'POST', '/v1/chat/completions', key, {
    model: options.model ?? 'gpt-4o',
    messages: [{ role: 'user', content: options.content ?? 'hi' }],
    ...(options.maxTokens === undefined ? {} : { max_tokens: options.maxTokens }),
  });

/** `clients` clients at once, each making `calls` calls one after another: every answer. */
async function clientsInTurn(clients: number, calls: number, call: () => Promise<Answer>): Promise<Answer[]> {
  const lanes = await Promise.all(
    Array.from({ length: clients }, async () => {
      const answers: Answer[] = [];
      for (let index = 0; index < calls; index++) answers.push(await call());
      return answers;
    }),
  );
  return lanes.flat();
}

const errorCode = (answer: Answer) => z.object({ error: z.object({ code: z.string().nullable() }) }).safeParse(JSON.parse(answer.body)).data?.error.code ?? null;
const workerOf = (answer: Answer) => String(answer.headers[WORKER_HEADER]);
const statuses = (answers: Answer[]) => answers.map((answer) => `${answer.status}:${errorCode(answer) ?? ''}@${workerOf(answer)}`).join(' ');
const requestsTotal = (text: string) =>
  [...text.matchAll(/^switchyard_requests_total\{[^}]*\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);

/** The admission hold for a call, priced as the gateway prices it. */
function reservedUsd(content: string, maxTokens: number): number {
  const parsed = parseChatRequest({ model: 'gpt-4o', messages: [{ role: 'user', content }], max_tokens: maxTokens });
  if (!parsed.ok) throw parsed.error;
  const estimate = estimateTokens(parsed.request);
  return computeCost({ ...zeroTokens(), prompt: estimate.prompt, completion: estimate.maxOutput ?? 0 }, GPT_4O);
}

/** A fake OpenAI upstream and `serve --workers 2` on a fresh SQLite file; `extra` adds to the environment (Redis). */
type Cluster = Awaited<ReturnType<typeof startCluster>>;

async function startCluster(name: string, extra: Record<string, string> = {}) {
  const upstream = await FakeUpstream.start({ 'openai-compatible': openaiWire });
  const directory = mkdtempSync(join(tmpdir(), `sy-workers-${name}-`));
  const processes = new ProcessGroup({
    SWITCHYARD_MASTER_KEY: MASTER_KEY,
    SWITCHYARD_DATABASE_URL: `sqlite:${join(directory, 'switchyard.db')}`,
    ...extra,
    OPENAI_API_KEY: 'sk-upstream-openai-secret',
    OPENAI_BASE_URL: `${upstream.url}/v1`,
    SWITCHYARD_LOG_LEVEL: 'warn',
  });
  const close = async () => {
    processes.killAll();
    await upstream.close();
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    return { upstream, processes, directory, close, gateway: await processes.serve(name, { SWITCHYARD_WORKERS: '2' }) };
  } catch (error) {
    await close();
    throw error;
  }
}

describe('serve --workers 2: one box, one port, limits exact across workers (no Redis)', () => {
  let cluster: Cluster | undefined;
  let upstream: FakeUpstream;
  let processes: ProcessGroup;
  let gateway: GatewayProcess;
  let directory: string;
  /** x-request-id of every answered chat call: each must end up in the usage log. */
  const answered: string[] = [];
  const record = (answers: Answer[]) => {
    for (const answer of answers) if (answer.status === 200) answered.push(String(answer.headers['x-request-id']));
    return answers;
  };

  before(async () => {
    ensureBuilt();
    cluster = await startCluster('cluster');
    ({ upstream, processes, gateway, directory } = cluster);
  });

  after(async () => {
    await cluster?.close();
  });

  test('the banner is printed once, by the primary', async () => {
    // serve() returns at the banner's first line; on a loaded machine the rest may still be on its way.
    for (let waited = 0; !/Workers: 2/.test(gateway.output()) && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.match(gateway.output(), /Workers: 2/);
    assert.equal(gateway.output().match(/Switchyard listening on/g)?.length, 1, gateway.output());
  });

  test('an rpm of 10 holds across both workers: of 30 calls on 30 connections exactly 10 are answered', async () => {
    const key = await createKey(gateway.url, { name: 'rpm-10', rpm: 10 });
    const answers = record(await Promise.all(Array.from({ length: 30 }, () => chat(gateway.url, key.key))));
    assert.equal(answers.filter((answer) => answer.status === 200).length, 10, statuses(answers));
    const refused = answers.filter((answer) => answer.status !== 200);
    assert.equal(refused.length, 20);
    for (const answer of refused) {
      assert.equal(answer.status, 429);
      assert.equal(errorCode(answer), 'rate_limit_exceeded');
    }
    // One window: the admitted calls saw remaining counts 9…0, each once.
    const remaining = answers.filter((answer) => answer.status === 200).map((answer) => Number(answer.headers['x-ratelimit-remaining-requests']));
    assert.deepEqual(remaining.sort((x, y) => x - y), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(new Set(answers.map(workerOf)).size, 2, `both workers served: ${statuses(answers)}`);
  });

  test('a budget that fits exactly 5 calls admits exactly 5 of 20 across both workers', async () => {
    assert.equal(reservedUsd(EXACT_PROMPT, 6), CALL_USD, 'premise: admission holds exactly what a call costs');
    const key = await createKey(gateway.url, { name: 'budget-5', budget_usd: 0.0005, budget_period: 'day' });
    const answers = record(await Promise.all(Array.from({ length: 20 }, () => chat(gateway.url, key.key, { content: EXACT_PROMPT, maxTokens: 6 }))));
    assert.equal(answers.filter((answer) => answer.status === 200).length, 5, statuses(answers));
    for (const answer of answers.filter((candidate) => candidate.status !== 200)) assert.equal(errorCode(answer), 'budget_exceeded');
    assert.equal(new Set(answers.map(workerOf)).size, 2, `both workers served: ${statuses(answers)}`);
  });

  // Limits roomy enough to be leased to the workers (src/cluster/lease-grantor.ts): still exact.
  test('an rpm of 240, leased out to the workers: of 360 calls from 24 clients exactly 240 are answered', async () => {
    const key = await createKey(gateway.url, { name: 'rpm-240', rpm: 240 });
    const answers = record(await clientsInTurn(24, 15, () => chat(gateway.url, key.key)));
    assert.equal(answers.filter((answer) => answer.status === 200).length, 240, statuses(answers));
    for (const answer of answers.filter((candidate) => candidate.status !== 200)) assert.equal(errorCode(answer), 'rate_limit_exceeded');
    assert.equal(new Set(answers.map(workerOf)).size, 2, `both workers served: ${statuses(answers)}`);
  });

  test('a budget for exactly 300 calls, leased out in blocks: of 400 calls from 20 clients exactly 300 are answered', async () => {
    const key = await createKey(gateway.url, { name: 'budget-300', budget_usd: Number((300 * CALL_USD).toFixed(9)), budget_period: 'day' });
    const answers = record(await clientsInTurn(20, 20, () => chat(gateway.url, key.key, { content: EXACT_PROMPT, maxTokens: 6 })));
    assert.equal(answers.filter((answer) => answer.status === 200).length, 300, statuses(answers));
    for (const answer of answers.filter((candidate) => candidate.status !== 200)) assert.equal(errorCode(answer), 'budget_exceeded');
    assert.equal(new Set(answers.map(workerOf)).size, 2, `both workers served: ${statuses(answers)}`);
  });

  test('a key revoked through one worker is refused by both as soon as the DELETE has answered', async () => {
    const key = await createKey(gateway.url, { name: 'doomed' });
    const before = await Promise.all(Array.from({ length: 8 }, () => call(gateway.url, 'GET', '/v1/models', key.key)));
    assert.deepEqual(new Set(before.map((answer) => answer.status)), new Set([200]));
    const started = performance.now();
    const revoke = await call(gateway.url, 'DELETE', `/admin/keys/${key.id}`, MASTER_KEY);
    assert.equal(revoke.status, 200);
    const probes = await Promise.all(Array.from({ length: 12 }, () => call(gateway.url, 'GET', '/v1/models', key.key)));
    const elapsed = performance.now() - started;
    assert.deepEqual(new Set(probes.map((answer) => answer.status)), new Set([401]), statuses(probes));
    assert.equal(new Set(probes.map(workerOf)).size, 2, 'asked both workers');
    assert.ok(elapsed < 1_000, `refused everywhere ${Math.round(elapsed)} ms after the revoke started`);
  });

  test('/metrics on either worker gives the cluster total of chat calls', async () => {
    const scrapes = await Promise.all(Array.from({ length: 4 }, () => call(gateway.url, 'GET', '/metrics', MASTER_KEY)));
    assert.equal(new Set(scrapes.map(workerOf)).size, 2, 'scraped both workers');
    for (const scrape of scrapes) {
      assert.equal(scrape.status, 200);
      // Calls refused at admission (429) never reach the metered part of the pipeline.
      assert.equal(requestsTotal(scrape.body), answered.length, scrape.body.split('\n').filter((line) => line.startsWith('switchyard_requests_total')).join('\n'));
      assert.match(scrape.body, /^switchyard_cluster_workers 2$/m);
    }
  });

  test('a worker that dies is restarted, and the other serves meanwhile', async () => {
    // Let the usage recorders flush (every 200 ms) before a worker is killed without warning.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const pids = execFileSync('ps', ['-o', 'pid=', '--ppid', String(gateway.child.pid)], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
    assert.equal(pids.length, 2, `two workers: ${pids.join(', ')}`);
    process.kill(pids[0] ?? 0, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100)); // the primary stops handing it connections
    const during = record(await Promise.all(Array.from({ length: 6 }, () => chat(gateway.url, MASTER_KEY))));
    assert.deepEqual(new Set(during.map((answer) => answer.status)), new Set([200]), statuses(during));
    const seen = new Set<string>();
    for (let round = 0; round < 50 && seen.size < 2; round++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const answer of record(await Promise.all(Array.from({ length: 4 }, () => chat(gateway.url, MASTER_KEY))))) seen.add(workerOf(answer));
    }
    assert.ok([...seen].includes('3'), `a new worker (id 3) serves: ${[...seen].join(', ')}`);
    const scrape = await call(gateway.url, 'GET', '/metrics', MASTER_KEY);
    assert.match(scrape.body, /^switchyard_cluster_worker_restarts_total 1$/m);
  });

  test('SIGTERM: calls in flight on both workers finish, usage is flushed, the primary exits 0', async () => {
    const inFlight = 10;
    const upstreamBefore = upstream.requests.length;
    upstream.enqueue(...Array.from({ length: inFlight }, () => ({ kind: 'answer' as const, answer: defaultAnswer, delayMs: 500 })));
    const burst = Promise.all(Array.from({ length: inFlight }, () => chat(gateway.url, MASTER_KEY, { model: 'gpt-4.1' })));
    for (let waited = 0; upstream.requests.length - upstreamBefore < inFlight && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    const code = await gateway.stop();
    const answers = record(await burst);
    assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([200]), statuses(answers));
    assert.equal(new Set(answers.map(workerOf)).size, 2, 'the burst was spread over both workers');
    assert.equal(code, 0, gateway.errors());
    assert.doesNotMatch(gateway.errors() + gateway.output(), /could not be written|dropped|killing/);

    // The same database, one process: every answered call is in the request log, once.
    const restarted = await processes.serve('restarted');
    const log = await call(restarted.url, 'GET', '/admin/requests?limit=1000', MASTER_KEY);
    const ids = z.object({ data: z.array(z.object({ id: z.string() })) }).parse(JSON.parse(log.body)).data.map((row) => row.id);
    const missing = answered.filter((id) => !ids.includes(id));
    assert.deepEqual(missing, [], `${missing.length} of ${answered.length} answered calls have no usage record`);
    assert.equal(await restarted.stop(), 0);
  });
});

describe('serve --workers 2 with Redis: the workers share limits and key changes through Redis, as separate instances do', () => {
  let cluster: Cluster | undefined;
  let gateway: GatewayProcess;
  const keyIds: string[] = [];

  before(async () => {
    ensureBuilt();
    await checkRedis();
    cluster = await startCluster('cluster-redis', { SWITCHYARD_REDIS_URL: REDIS_URL });
    ({ gateway } = cluster);
  });

  after(async () => {
    await deleteLimitState(keyIds);
    await cluster?.close();
  });

  test('an rpm of 10 admits exactly 10 of 30, counted in Redis; a revoke reaches both workers within a second', async () => {
    const key = await createKey(gateway.url, { name: 'rpm-10-redis', rpm: 10 });
    keyIds.push(key.id);
    // Without the IPC fan-out, the other worker learns of the new key from Redis pub/sub or its poll.
    await pollUntil('both workers to know the key', async () => {
      const probes = await Promise.all(Array.from({ length: 6 }, () => call(gateway.url, 'GET', '/v1/models', key.key)));
      return probes.every((answer) => answer.status === 200) ? true : undefined;
    }, 2_000);
    const answers = await Promise.all(Array.from({ length: 30 }, () => chat(gateway.url, key.key)));
    assert.equal(answers.filter((answer) => answer.status === 200).length, 10, statuses(answers));
    assert.equal(new Set(answers.map(workerOf)).size, 2, `both workers served: ${statuses(answers)}`);
    const redis = new Redis(REDIS_URL);
    try {
      assert.equal(await redis.zcard(`switchyard:ratelimit:{${key.id}}:requests`), 10, 'the window lives in Redis');
    } finally {
      redis.disconnect();
    }

    assert.equal((await call(gateway.url, 'DELETE', `/admin/keys/${key.id}`, MASTER_KEY)).status, 200);
    const { elapsedMs } = await pollUntil('both workers to refuse the revoked key', async () => {
      const probes = await Promise.all(Array.from({ length: 8 }, () => call(gateway.url, 'GET', '/v1/models', key.key)));
      return probes.every((answer) => answer.status === 401) && new Set(probes.map(workerOf)).size === 2 ? true : undefined;
    }, 2_000, 10);
    assert.ok(elapsedMs < 1_000, `refused everywhere after ${Math.round(elapsedMs)} ms`);
    assert.equal(await gateway.stop(), 0, gateway.errors());
  });
});

test('a generated master key is generated and printed once, by the primary, and works on every worker', async (t) => {
  ensureBuilt();
  const directory = mkdtempSync(join(tmpdir(), 'sy-workers-key-'));
  const processes = new ProcessGroup({ SWITCHYARD_DATABASE_URL: `sqlite:${join(directory, 'switchyard.db')}`, SWITCHYARD_LOG_LEVEL: 'warn' });
  t.after(() => {
    processes.killAll();
    rmSync(directory, { recursive: true, force: true });
  });
  const gateway = await processes.serve('generated-key', { SWITCHYARD_WORKERS: '2' });
  const keys = gateway.output().match(/sy-master-[A-Za-z0-9_-]+/g) ?? [];
  assert.equal(keys.length, 1, gateway.output());
  const answers = await Promise.all(Array.from({ length: 8 }, () => call(gateway.url, 'GET', '/admin/keys', keys[0] ?? '')));
  assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([200]));
  assert.equal(new Set(answers.map(workerOf)).size, 2);
  assert.equal(await gateway.stop(), 0, gateway.errors());
});
