/**
 * SIGTERM during a stream: the gateway stops accepting, lets the stream finish, flushes the usage
 * log and exits 0 — the running binary, as deployed.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openStore } from '../../src/store/open-store.js';
import { FakeUpstream } from '../fakes/fake-upstream.js';
import { openaiWire } from '../fakes/openai-wire.js';

const BIN = new URL('../../bin/switchyard.js', import.meta.url).pathname;
const KEY = 'sy-shutdown-test-master';

test('SIGTERM lets an open stream finish, flushes usage and exits 0', async () => {
  const upstream = await FakeUpstream.start({ 'openai-compatible': openaiWire });
  after(() => upstream.close());
  upstream.setDefault({ kind: 'answer', answer: { text: 'one two three four five six seven eight', finish: 'stop', usage: { prompt: 3, completion: 8 } }, chunkDelayMs: 150 });
  const directory = mkdtempSync(join(tmpdir(), 'sy-shutdown-'));
  const database = `sqlite:${join(directory, 'switchyard.db')}`;
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    env: { PATH: process.env.PATH ?? '', OPENAI_API_KEY: 'sk-up', OPENAI_BASE_URL: `${upstream.url}/v1`, SWITCHYARD_MASTER_KEY: KEY, SWITCHYARD_DATABASE_URL: database, SWITCHYARD_LOG_LEVEL: 'warn' },
    cwd: directory,
  });
  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  child.stdout.on('data', (data) => (stdout += data));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let waited = 0; !/listening on/.test(stdout) && waited < 15_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
  assert.ok(url, stdout);

  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'count' }] }),
  });
  assert.equal(response.status, 200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const first = await reader.read();
  assert.ok(!first.done);
  child.kill('SIGTERM');

  let text = new TextDecoder().decode(first.value);
  for (;;) {
    const next = await reader.read();
    if (next.done) break;
    text += new TextDecoder().decode(next.value);
  }
  assert.match(text, /data: \[DONE\]/, 'the stream in flight finished');
  assert.equal(await exited, 0);
  await assert.rejects(fetch(`${url}/health`), 'no longer accepting');

  const store = await openStore(database);
  try {
    const page = await store.listRequests({ limit: 10 });
    assert.equal(page.records.length, 1, 'the usage record was flushed before exit');
    assert.equal(page.records[0]?.completionTokens, 8);
  } finally {
    await store.close();
  }
});
