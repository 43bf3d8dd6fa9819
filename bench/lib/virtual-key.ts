/**
 * The key the gateway is called with, as a user runs it: a virtual key created through the admin
 * API with limits high enough never to refuse, so the RPM and TPM windows and the budget hold run
 * on every request (BENCH_KEY=master calls with the master key instead, which skips them).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { stringField } from '../fake/json-fields.js';
import { parseJson } from './parse-json.js';

export const benchKeyLimits = { rpm: 100_000_000, tpm: 100_000_000_000, budget_usd: 1_000_000 } as const;

export async function createVirtualKey(origin: string, masterKey: string): Promise<string> {
  const response = await request(`${origin}/admin/keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${masterKey}` },
    body: JSON.stringify({ name: 'bench', ...benchKeyLimits }),
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const text = await response.body.text();
  const key = stringField(parseJson(text), 'key');
  if (response.statusCode !== 201 || key === undefined) {
    throw new Error(`POST /admin/keys answered HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
  }
  return key;
}

/**
 * Waits until `key` is accepted on `attempts` fresh connections in a row: with several workers each
 * learns of a new key from the store within about a second.
 */
export async function waitForKey(origin: string, key: string, attempts: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let accepted = 0;
  while (accepted < attempts) {
    if (Date.now() > deadline) throw new Error(`the new virtual key was not accepted within ${timeoutMs} ms`);
    const response = await request(`${origin}/v1/models`, { headers: { authorization: `Bearer ${key}`, connection: 'close' } });
    await response.body.dump();
    if (response.statusCode === 200) accepted += 1;
    else {
      accepted = 0;
      await sleep(200);
    }
  }
}
