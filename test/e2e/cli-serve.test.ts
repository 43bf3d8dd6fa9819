/**
 * The real binary, as a newcomer runs it: `switchyard serve` from the built package, a generated
 * master key printed once, a chat through it, and a clean exit on SIGTERM.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FakeUpstream } from '../fakes/fake-upstream.js';
import { openaiWire } from '../fakes/openai-wire.js';

const BIN = new URL('../../bin/switchyard.js', import.meta.url).pathname;

let upstream: FakeUpstream;
before(async () => {
  upstream = await FakeUpstream.start({ 'openai-compatible': openaiWire });
});
after(async () => {
  await upstream.close();
});

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    cwd: mkdtempSync(join(tmpdir(), 'sy-cli-')),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => stdout, errors: () => stderr };
}

async function waitFor(predicate: () => boolean, what: string) {
  for (let waited = 0; waited < 15_000; waited += 50) {
    if (predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('serve prints a generated master key once, serves chats with it, and stops on SIGTERM', async () => {
  const server = run(['serve', '--port', '0'], { OPENAI_API_KEY: 'sk-up', OPENAI_BASE_URL: `${upstream.url}/v1`, SWITCHYARD_LOG_LEVEL: 'warn' });
  after(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  await waitFor(() => /listening on http/.test(server.output()) && /sy-master-/.test(server.output()), 'the banner');
  const url = /listening on (http:\/\/\S+)/.exec(server.output())?.[1];
  const key = /(sy-master-\S+)/.exec(server.output())?.[1];
  assert.ok(url && key);
  assert.match(server.output(), /Providers configured: openai/);

  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(response.status, 200);
  assert.equal(((await response.json()) as { object: string }).object, 'chat.completion');

  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 0);
  assert.equal(server.errors().includes('sk-up'), false, 'the upstream key is never printed');
});

test('a broken config file exits with status 2 and says what is wrong', async () => {
  const cli = run(['check', '--config', '/nonexistent.yaml'], {});
  assert.equal(await cli.exited, 2);
  assert.match(cli.errors(), /Cannot read the config file/);
});

test('check probes each configured provider and reports its health', async () => {
  upstream.decide = (request) => (request.path.startsWith('/broken/') ? { kind: 'error', status: 401, message: 'Incorrect API key provided: sk-up***' } : undefined);
  const check = run(['check'], { OPENAI_API_KEY: 'sk-up', OPENAI_BASE_URL: `${upstream.url}/v1`, DEEPSEEK_API_KEY: 'x', DEEPSEEK_BASE_URL: `${upstream.url}/broken` });
  assert.equal(await check.exited, 1, 'an unhealthy provider fails the check');
  assert.match(check.output(), /openai\s+openai\s+http:\/\/127\.0\.0\.1:\d+\/v1\s+ok \(\d+ ms\)/);
  assert.match(check.output(), /deepseek .*HTTP 401: Incorrect API key provided/);
  assert.match(check.output(), /anthropic.*not configured \(set ANTHROPIC_API_KEY\)/);
  assert.ok(upstream.requests.some((request) => request.method === 'GET' && request.path === '/v1/models' && request.headers.authorization === 'Bearer sk-up'));
  upstream.decide = null;
  const offline = run(['check', '--offline'], { DEEPSEEK_API_KEY: 'x' });
  assert.equal(await offline.exited, 0);
  assert.match(offline.output(), /deepseek\s+deepseek\s+https:\/\/api\.deepseek\.com\s+configured \(not probed\)/);
});

test('models reports what the configuration can serve', async () => {
  const models = run(['models'], { DEEPSEEK_API_KEY: 'x' });
  assert.equal(await models.exited, 0);
  assert.match(models.output(), /deepseek-v3\.2\s+deepseek\/deepseek-chat\s+\$0\.28 \/ \$0\.42/);
});
