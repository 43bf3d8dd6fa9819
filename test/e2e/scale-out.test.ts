/**
 * Scale-out (design.md §6), end to end with real processes: gateways started from the built binary
 * (`node bin/switchyard.js serve --port 0`) share one fresh Postgres database and the CI machine's
 * Redis, in front of one fake upstream. Limits must hold across instances, key changes must reach
 * every instance within a second, and no usage record may be lost — on shutdown or while Postgres
 * is away — or counted twice.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { estimateTokens } from '../../src/chat/estimate-tokens.js';
import { parseChatRequest } from '../../src/core/parse-chat-request.js';
import { zeroTokens } from '../../src/core/usage.js';
import { computeCost } from '../../src/pricing/compute-cost.js';
import { defaultAnswer, FakeUpstream } from '../fakes/fake-upstream.js';
import { openaiWire } from '../fakes/openai-wire.js';
import { ensureBuilt, ProcessGroup, type GatewayProcess } from '../scale-out/gateway-processes.js';
import {
  adminCall,
  chat,
  createKey,
  errorCode,
  keyView,
  MASTER_KEY,
  pollUntil,
  probeKey,
  usageReport,
  type ChatAnswer,
  type ChatOptions,
} from '../scale-out/gateway-http.js';
import { checkRedis, deleteLimitState, REDIS_URL } from '../scale-out/redis-cleanup.js';
import { ScratchDatabase } from '../scale-out/scratch-database.js';
import { TcpRelay } from '../scale-out/tcp-relay.js';

const GPT_4O = { inputPerMtok: 2.5, outputPerMtok: 10 };
// The fake answers 12 prompt + 6 completion tokens: 12 × 2.5 + 6 × 10 = 90 micro-USD a call.
const CALL_USD = computeCost({ ...zeroTokens(), prompt: 12, completion: 6 }, GPT_4O);
const nanos = (usd: number) => Math.round(usd * 1e9);

/** What admission holds for a call before it is made: the gateway's own estimate, priced like the call. */
function reservedUsd(content: string, maxTokens: number): number {
  const parsed = parseChatRequest({ model: 'gpt-4o', messages: [{ role: 'user', content }], max_tokens: maxTokens });
  if (!parsed.ok) throw parsed.error;
  const estimate = estimateTokens(parsed.request);
  return computeCost({ ...zeroTokens(), prompt: estimate.prompt, completion: estimate.maxOutput ?? 0 }, GPT_4O);
}

// Estimated at exactly the 12 + 6 tokens the fake bills (about 4 characters a token, plus 4 a message).
const EXACT_PROMPT = 'Say hello to the scale-out test!';
const USD_EPSILON = 1e-9;

describe('scale-out: gateway processes sharing one Postgres and one Redis', () => {
  let upstream: FakeUpstream;
  let database: ScratchDatabase;
  let processes: ProcessGroup;
  let a: GatewayProcess;
  let b: GatewayProcess;
  /** The instance started after A and B stopped. */
  let c: GatewayProcess;
  /** Answered (200) chat calls per model: each must end up as exactly one usage record. */
  const answered = new Map<string, number>();

  const send = async (url: string, key: string, options: ChatOptions = {}): Promise<ChatAnswer> => {
    const answer = await chat(url, key, options);
    if (answer.status === 200) {
      const model = options.model ?? 'gpt-4o';
      answered.set(model, (answered.get(model) ?? 0) + 1);
    }
    return answer;
  };
  const knowsKey = (gateway: GatewayProcess, key: string) =>
    pollUntil(`${gateway.name} to know the new key`, async () => ((await probeKey(gateway.url, key)) === 200 ? true : undefined), 2_000);
  const keySpend = async (gateway: GatewayProcess, id: string) => keyView.parse((await adminCall(gateway.url, 'GET', `/admin/keys/${id}`)).body).spend_usd;
  const statuses = (answers: ChatAnswer[]) => answers.map((answer) => `${answer.status}:${errorCode(answer) ?? ''}`).join(' ');

  before(async () => {
    ensureBuilt();
    await checkRedis();
    upstream = await FakeUpstream.start({ 'openai-compatible': openaiWire });
    database = await ScratchDatabase.create();
    processes = new ProcessGroup({
      SWITCHYARD_MASTER_KEY: MASTER_KEY,
      SWITCHYARD_DATABASE_URL: database.url(),
      SWITCHYARD_REDIS_URL: REDIS_URL,
      OPENAI_API_KEY: 'sk-upstream-openai-secret',
      OPENAI_BASE_URL: `${upstream.url}/v1`,
      SWITCHYARD_LOG_LEVEL: 'warn',
    });
    // Both start (and migrate the empty database) at once: the migration lock serialises them.
    [a, b] = await Promise.all([processes.serve('A'), processes.serve('B')]);
  });

  after(async () => {
    processes?.killAll();
    if (database !== undefined) {
      const keys = await database.query<{ id: string }>('select id from api_keys').catch(() => []);
      await deleteLimitState(keys.map((row) => row.id));
      await database.drop();
    }
    await upstream?.close();
  });

  test('an rpm of 10 holds across both processes: of 30 concurrent calls exactly 10 are answered', async () => {
    const key = await createKey(a.url, { name: 'shared-rpm', rpm: 10 });
    await knowsKey(b, key.key);
    const upstreamBefore = upstream.requests.length;

    const answers = await Promise.all(Array.from({ length: 30 }, (_, index) => send(index % 2 === 0 ? a.url : b.url, key.key, { model: 'gpt-4o-mini' })));

    const ok = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status !== 200);
    assert.equal(ok.length, 10, statuses(answers));
    assert.equal(upstream.requests.length - upstreamBefore, 10, 'refused calls never reach the upstream');
    // One shared window: the admitted calls saw remaining counts 9…0, each exactly once.
    const remaining = ok.map((answer) => Number(answer.headers.get('x-ratelimit-remaining-requests'))).sort((x, y) => x - y);
    assert.deepEqual(remaining, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const answer of refused) {
      assert.equal(answer.status, 429);
      assert.equal(errorCode(answer), 'rate_limit_exceeded');
      const retryAfter = Number(answer.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `retry-after ${String(retryAfter)}`);
      assert.equal(answer.headers.get('x-ratelimit-limit-requests'), '10');
      assert.equal(answer.headers.get('x-ratelimit-remaining-requests'), '0');
      assert.match(answer.headers.get('x-ratelimit-reset-requests') ?? '', /^\d+(\.\d+)?(ms|s|m)/);
    }
  });

  test('a revoke on A is seen by B within a second (by Redis notice or by polling); a PATCH on A is honoured by B', async () => {
    const doomed = await createKey(a.url, { name: 'doomed' });
    await knowsKey(b, doomed.key);
    assert.equal((await send(b.url, doomed.key, { model: 'gpt-4o-mini' })).status, 200);

    const revokeStarted = performance.now();
    assert.equal((await adminCall(a.url, 'DELETE', `/admin/keys/${doomed.id}`)).status, 200);
    const { elapsedMs } = await pollUntil('B to refuse the revoked key', async () => ((await probeKey(b.url, doomed.key)) === 401 ? true : undefined), 3_000, 10);
    const sinceRevoke = performance.now() - revokeStarted;
    assert.ok(sinceRevoke < 1_500, `B refused the key ${Math.round(sinceRevoke)} ms after the revoke (poll ${Math.round(elapsedMs)} ms)`);
    for (const gateway of [a, b]) {
      const refused = await send(gateway.url, doomed.key, { model: 'gpt-4o-mini' });
      assert.equal(refused.status, 401, gateway.name);
      assert.equal(errorCode(refused), 'invalid_api_key');
    }

    // A change that comes with no Redis notice (here the CLI without SWITCHYARD_REDIS_URL) reaches
    // the instances through their poll of recently changed keys.
    const quiet = await createKey(a.url, { name: 'revoked-quietly' });
    await knowsKey(b, quiet.key);
    const revoke = await processes.cli(['keys', 'revoke', quiet.id], { SWITCHYARD_REDIS_URL: '' });
    assert.equal(revoke.code, 0, revoke.stderr);
    const polled = await pollUntil('A and B to refuse the quietly revoked key', async () => {
      const [atA, atB] = await Promise.all([probeKey(a.url, quiet.key), probeKey(b.url, quiet.key)]);
      return atA === 401 && atB === 401 ? true : undefined;
    }, 3_000, 10);
    assert.ok(polled.elapsedMs < 1_500, `refused ${Math.round(polled.elapsedMs)} ms after the CLI revoked it, by polling`);

    const patched = await createKey(a.url, { name: 'patched' });
    await knowsKey(b, patched.key);
    const unlimited = await send(b.url, patched.key, { model: 'gpt-4o-mini' });
    assert.equal(unlimited.status, 200);
    assert.equal(unlimited.headers.get('x-ratelimit-limit-requests'), null, 'no rpm yet');
    const patchStarted = performance.now();
    const patch = await adminCall(a.url, 'PATCH', `/admin/keys/${patched.id}`, { rpm: 3 });
    assert.equal(keyView.parse(patch.body).rpm, 3);
    // Until B hears of the change its answers carry no limit; the first limited one uses 1 of 3.
    const { value: first } = await pollUntil(
      'B to apply rpm 3',
      async () => {
        const answer = await send(b.url, patched.key, { model: 'gpt-4o-mini' });
        assert.equal(answer.status, 200);
        return answer.headers.get('x-ratelimit-limit-requests') === '3' ? answer : undefined;
      },
      3_000,
      20,
    );
    assert.ok(performance.now() - patchStarted < 1_500, 'B applied the PATCH within a second');
    assert.equal(first.headers.get('x-ratelimit-remaining-requests'), '2');
    assert.equal((await send(a.url, patched.key, { model: 'gpt-4o-mini' })).headers.get('x-ratelimit-remaining-requests'), '1');
    assert.equal((await send(b.url, patched.key, { model: 'gpt-4o-mini' })).headers.get('x-ratelimit-remaining-requests'), '0');
    for (const gateway of [a, b]) {
      const refused = await send(gateway.url, patched.key, { model: 'gpt-4o-mini' });
      assert.equal(refused.status, 429, gateway.name);
      assert.equal(errorCode(refused), 'rate_limit_exceeded');
    }
  });

  test('a budget holds across both processes: with exact estimates, exactly what fits is answered', async () => {
    assert.equal(CALL_USD, 0.00009);
    assert.equal(reservedUsd(EXACT_PROMPT, 6), CALL_USD, 'premise: admission holds exactly what the call will cost');
    const budget = 0.0005; // room for 5 calls of $0.00009, not 6
    const key = await createKey(a.url, { name: 'exact-budget', budget_usd: budget, budget_period: 'day' });
    await knowsKey(b, key.key);

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) => send(index % 2 === 0 ? a.url : b.url, key.key, { content: EXACT_PROMPT, maxTokens: 6 })),
    );
    const ok = answers.filter((answer) => answer.status === 200);
    assert.equal(ok.length, 5, statuses(answers));
    for (const answer of ok) assert.equal(answer.headers.get('x-switchyard-cost-usd'), '0.00009');
    for (const answer of answers.filter((candidate) => candidate.status !== 200)) {
      assert.equal(answer.status, 429);
      assert.equal(errorCode(answer), 'budget_exceeded');
      assert.equal(answer.headers.get('x-should-retry'), 'false');
    }

    // Usage is written in batches, off the request path: poll until all five are in.
    const { value: spend } = await pollUntil('the spend to be recorded', async () => {
      const recorded = await keySpend(b, key.id);
      return Math.abs(recorded - 5 * CALL_USD) < USD_EPSILON ? recorded : undefined;
    }, 5_000, 50);
    assert.ok(spend <= budget, `spent ${spend} of ${budget}`);
    for (const gateway of [a, b]) {
      const later = await send(gateway.url, key.key, { content: EXACT_PROMPT, maxTokens: 6 });
      assert.equal(later.status, 429, gateway.name);
      assert.equal(errorCode(later), 'budget_exceeded');
      assert.equal(later.headers.get('x-should-retry'), 'false');
    }
    const usage = usageReport.parse((await adminCall(a.url, 'GET', `/admin/usage?group_by=key&key_id=${key.id}`)).body);
    assert.equal(usage.data[0]?.requests, 5);
    assert.ok(Math.abs((usage.data[0]?.cost_usd ?? 0) - spend) < USD_EPSILON);
  });

  test('a budget with underestimated calls: overspend stays within what the calls in flight cost', async () => {
    const budget = 0.0005;
    const key = await createKey(b.url, { name: 'loose-budget', budget_usd: budget, budget_period: 'day' });
    await knowsKey(a, key.key);

    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => send(index % 2 === 0 ? a.url : b.url, key.key, { maxTokens: 6 })));
    const ok = answers.filter((answer) => answer.status === 200);
    for (const answer of ok) assert.equal(answer.headers.get('x-switchyard-cost-usd'), '0.00009');
    for (const answer of answers.filter((candidate) => candidate.status !== 200)) {
      assert.equal(answer.status, 429);
      assert.equal(errorCode(answer), 'budget_exceeded', statuses(answers));
      assert.equal(answer.headers.get('x-should-retry'), 'false');
    }
    // Each call holds its estimate until it settles at its (higher) actual cost. All in flight at
    // once, floor(budget / estimate) holds fit; settled ones leave less room, but a call is refused
    // only when spent + held + estimate > budget, so the budget is never left unused either.
    const estimate = reservedUsd('hi', 6);
    assert.ok(estimate < CALL_USD, 'premise: these calls cost more than admission holds for them');
    const most = Math.floor(nanos(budget) / nanos(estimate));
    const fewest = Math.floor((nanos(budget) - nanos(estimate)) / nanos(CALL_USD)) + 1;
    assert.ok(ok.length >= fewest && ok.length <= most, `${ok.length} answered, expected ${fewest}…${most}: ${statuses(answers)}`);

    const expected = ok.length * CALL_USD;
    const { value: spend } = await pollUntil('the spend to be recorded', async () => {
      const recorded = await keySpend(a, key.id);
      return Math.abs(recorded - expected) < USD_EPSILON ? recorded : undefined;
    }, 5_000, 50);
    // Over the budget only by what the calls admitted together cost beyond their estimates.
    assert.ok(spend <= budget + ok.length * (CALL_USD - estimate) + USD_EPSILON, `spent ${spend} of ${budget}`);
    assert.ok(spend < budget + CALL_USD, `spent ${spend} of ${budget}: less than one call over`);
    for (const gateway of [a, b]) {
      const later = await send(gateway.url, key.key, { maxTokens: 6 });
      assert.equal(later.status, 429, gateway.name);
      assert.equal(errorCode(later), 'budget_exceeded');
      assert.equal(later.headers.get('x-should-retry'), 'false');
    }
  });

  test('usage survives a restart: SIGTERM finishes calls in flight and flushes their records; a new instance and the CLI report every request', async () => {
    // A last burst still in flight when SIGTERM arrives: each gateway must finish these calls and
    // then write their records, which exist only after the signal.
    const inFlight = 12;
    const upstreamBefore = upstream.requests.length;
    upstream.enqueue(...Array.from({ length: inFlight }, () => ({ kind: 'answer' as const, answer: defaultAnswer, delayMs: 400 })));
    const burst = Promise.all(Array.from({ length: inFlight }, (_, index) => send(index % 2 === 0 ? a.url : b.url, MASTER_KEY, { model: 'gpt-4.1' })));
    await pollUntil('the burst to reach the upstream', async () => (upstream.requests.length - upstreamBefore === inFlight ? true : undefined), 5_000, 10);
    const stopStarted = performance.now();
    const [exitA, exitB] = await Promise.all([a.stop(), b.stop()]);
    const stopMs = performance.now() - stopStarted;
    // Not the 30 s grace period: a keep-alive connection is closed once its call is answered.
    assert.ok(stopMs < 5_000, `both stopped within ${Math.round(stopMs)} ms`);
    assert.deepEqual(new Set((await burst).map((answer) => answer.status)), new Set([200]), 'calls in flight finish during shutdown');
    assert.equal(exitA, 0, a.errors());
    assert.equal(exitB, 0, b.errors());
    for (const gateway of [a, b]) assert.doesNotMatch(gateway.errors() + gateway.output(), /could not be written|dropped/, gateway.name);

    c = await processes.serve('C');
    const report = usageReport.parse((await adminCall(c.url, 'GET', '/admin/usage?group_by=model')).body);
    const byModel = new Map(report.data.map((row) => [row.group, row.requests]));
    assert.deepEqual(byModel, answered, 'every answered call has exactly one usage record');
    assert.equal(byModel.get('gpt-4.1'), 12);

    const cli = await processes.cli(['usage', '--by', 'model']);
    assert.equal(cli.code, 0, cli.stderr);
    const lines = cli.stdout.trimEnd().split('\n');
    const header = lines[0] ?? '';
    assert.match(header, /^model\s+requests\s+prompt\s+completion/);
    // Numbers are right-aligned: each count ends where the "requests" heading ends.
    const requestsEnd = header.indexOf('requests') + 'requests'.length;
    for (const [model, count] of answered) {
      const row = lines.find((line) => line.startsWith(`${model} `));
      assert.ok(row !== undefined, `the table lists ${model}:\n${cli.stdout}`);
      assert.equal(row.slice(0, requestsEnd).trim().split(/\s+/).at(-1), String(count), `${model} requests:\n${cli.stdout}`);
      assert.equal(row.slice(0, requestsEnd).endsWith(String(count)), true, `aligned:\n${cli.stdout}`);
    }
    const total = [...answered.values()].reduce((sum, count) => sum + count, 0);
    assert.match(lines.at(-1) ?? '', new RegExp(`^total\\s+${total}\\s`));
  });

  test('no usage record is lost or doubled when a write loses its acknowledgement and Postgres drops out for 2 s under load', async () => {
    const relay = await TcpRelay.start({ host: database.host, port: database.port });
    let d: GatewayProcess | undefined;
    try {
      d = await processes.serve('D', { SWITCHYARD_DATABASE_URL: database.url(relay.port) });
      const key = await createKey(c.url, { name: 'outage', rpm: 10_000 });
      await knowsKey(d, key.key);

      // A steady 20 calls a second. The first usage batch written commits but never hears so (it
      // must be retried without counting twice); once that has happened (and at least 0.5 s in),
      // Postgres is cut for 2 s, then the load goes on for another 0.5 s.
      const spacingMs = 50;
      const outageCalls = 40;
      relay.loseNextCommitReply();
      const started = performance.now();
      const pending: Array<Promise<ChatAnswer>> = [];
      let cutAt: number | null = null;
      let answeredDuringOutage = 0;
      for (let index = 0; cutAt === null ? index < 60 : index < cutAt + outageCalls + 10; index++) {
        const wait = started + index * spacingMs - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (cutAt === null && index >= 10 && relay.stats.lostCommitReplies > 0) {
          relay.cut();
          cutAt = index;
        }
        if (cutAt !== null && index === cutAt + outageCalls) relay.restore();
        const sentDuringOutage = relay.isCut;
        pending.push(
          chat(d.url, key.key, { model: 'gpt-4.1-mini' }).then((answer) => {
            if (sentDuringOutage && relay.isCut && answer.status === 200) answeredDuringOutage++;
            return answer;
          }),
        );
      }
      relay.restore();
      const answers = await Promise.all(pending);
      const total = answers.length;
      assert.ok(cutAt !== null, 'a usage batch was written, and lost its acknowledgement, within 3 s');
      assert.equal(relay.stats.lostCommitReplies, 1);
      assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([200]), statuses(answers));
      assert.ok(answeredDuringOutage >= 30, `${answeredDuringOutage} calls answered while Postgres was cut`);
      assert.ok(relay.stats.refused > 0, 'the gateway tried to reach Postgres during the outage (its writes were really cut)');

      const requestIds = answers.map((answer) => answer.headers.get('x-request-id'));
      assert.equal(new Set(requestIds).size, total);
      const countRecords = async () =>
        Number((await database.query<{ count: string }>('select count(*) as count from usage_records where key_id = $1', [key.id]))[0]?.count);
      const { value: count } = await pollUntil('every usage record to reach Postgres', async () => {
        const recorded = await countRecords();
        return recorded >= total ? recorded : undefined;
      }, 15_000, 100);
      assert.equal(count, total, 'none doubled');
      const rows = await database.query<{ id: string; status: number }>('select id, status from usage_records where key_id = $1', [key.id]);
      assert.deepEqual(new Set(rows.map((row) => row.id)), new Set(requestIds), 'one record per request, under its x-request-id');
      assert.ok(rows.every((row) => row.status === 200));

      assert.equal(await d.stop(), 0, d.errors());
      assert.equal(await countRecords(), total, 'the shutdown flush adds nothing twice');
      assert.doesNotMatch(d.errors() + d.output(), /could not be written|dropped/);
    } finally {
      await d?.stop().catch(() => undefined);
      await relay.close();
    }
  });

  test(
    'two calls that bring the same x-request-id each get a usage record',
    async () => {
      const key = await createKey(c.url, { name: 'same-request-id' });
      await knowsKey(c, key.key);
      for (let call = 0; call < 2; call++) {
        const response = await fetch(`${c.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json', 'x-request-id': 'trace-0001' },
          body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
          signal: AbortSignal.timeout(10_000),
        });
        assert.equal(response.status, 200);
        await response.arrayBuffer();
      }
      await pollUntil('both calls to be recorded', async () => {
        const report = usageReport.parse((await adminCall(c.url, 'GET', `/admin/usage?group_by=key&key_id=${key.id}`)).body);
        return report.data[0]?.requests === 2 ? true : undefined;
      }, 2_000, 50);
    },
  );

  test('the CLI on Postgres + Redis: create shows the key once, the SDK meets the rpm, list shows it, revoke is 401 within a second', async () => {
    const created = await processes.cli(['keys', 'create', '--name', 'x', '--budget', '1', '--rpm', '2']);
    assert.equal(created.code, 0, created.stderr);
    const secrets = created.stdout.match(/sy-[A-Za-z0-9_-]{32}/g) ?? [];
    assert.equal(secrets.length, 1, `the key is printed once:\n${created.stdout}`);
    const secret = secrets[0] ?? '';
    const id = /Created key (key_[0-9a-f]{24}) \(x\)/.exec(created.stdout)?.[1];
    assert.ok(id !== undefined, created.stdout);
    assert.match(created.stdout, /2 requests\/min/);

    await knowsKey(c, secret);
    const client = new OpenAI({ apiKey: secret, baseURL: `${c.url}/v1`, maxRetries: 0, timeout: 10_000 });
    const ask = () => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal((await ask()).choices[0]?.message.content, 'Hello from the fake upstream!');
    await ask();
    await assert.rejects(ask(), (error: unknown) => error instanceof OpenAI.RateLimitError && error.code === 'rate_limit_exceeded');

    const listed = await processes.cli(['keys', 'list']);
    assert.equal(listed.code, 0, listed.stderr);
    const row = listed.stdout.split('\n').find((line) => line.startsWith(`${id} `));
    assert.ok(row !== undefined, listed.stdout);
    assert.match(row, new RegExp(`^${id}\\s+x\\s+sy-\\S+\\s+\\*\\s+2\\s+-\\s+\\$1\\s+\\$\\d+\\.\\d{4}\\s+active$`));
    assert.equal(listed.stdout.includes(secret), false, 'the secret never appears again');

    const revoked = await processes.cli(['keys', 'revoke', id]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, new RegExp(`Revoked ${id} \\(x\\)`));
    const { elapsedMs } = await pollUntil('C to refuse the revoked key', async () => ((await probeKey(c.url, secret)) === 401 ? true : undefined), 3_000, 10);
    assert.ok(elapsedMs < 1_000, `C refused the key ${Math.round(elapsedMs)} ms after the CLI revoked it`);
    await assert.rejects(ask(), OpenAI.AuthenticationError);

    assert.equal(await c.stop(), 0, c.errors());
  });
});
