/**
 * The web console in headless Chromium against the real gateway and fake upstreams: sign in,
 * manage a key, chat in the playground (one model, then two side by side), find the request in
 * the log and the spend on the overview — at laptop and phone widths, with screenshots of each page
 * in test-artifacts/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { formatUsd } from '../../src/console/ui/format.js';
import { horizontalOverflow, LAPTOP, openBrowser, PHONE, screenshot, type BrowserSession } from './browser-session.js';
import { MASTER_KEY, startConsoleGateway, type ConsoleGateway } from './console-gateway.js';

const ANSWER = 'Streaming hello from the fake upstream, one piece at a time.';

describe('web console', () => {
  let gateway: ConsoleGateway;
  let browser: BrowserSession;
  let page: Page;
  let keyId = '';
  const cspViolations: string[] = [];

  const adminGet = async (path: string): Promise<Record<string, unknown>> => {
    const response = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    assert.equal(response.status, 200, path);
    return (await response.json()) as Record<string, unknown>;
  };
  /** Usage is written in batches off the request path: wait for the log to hold `count` records. */
  const waitForRecords = async (count: number) => {
    for (const deadline = Date.now() + 10_000; ; ) {
      const { data } = (await adminGet('/admin/requests?limit=100')) as { data: unknown[] };
      if (data.length >= count) return;
      if (Date.now() > deadline) assert.fail(`the request log holds ${data.length} records, not ${count}, after 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const go = async (hash: string) => {
    await page.goto(`${gateway.url}/ui/${hash}`);
    await page.locator('main h1').waitFor();
  };

  before(async () => {
    gateway = await startConsoleGateway();
    // Slow enough chunks that two answers visibly stream at the same time.
    gateway.upstream.setDefault({ kind: 'answer', answer: { text: ANSWER, finish: 'stop', usage: { prompt: 12, completion: 9 } }, chunkDelayMs: 150 });
    browser = await openBrowser(gateway.url);
    page = browser.page;
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
    });
  });
  after(async () => {
    await browser?.close();
    await gateway?.close();
  });

  test('a wrong key is refused with the reason; the master key signs in', async () => {
    await page.goto(`${gateway.url}/ui`);
    assert.ok(!page.url().includes(MASTER_KEY));
    await screenshot(page, 'sign-in-laptop');
    await page.getByLabel('Master key').fill('sy-not-the-master-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That key was not accepted').waitFor();
    await screenshot(page, 'sign-in-error-laptop');

    await page.getByLabel('Master key').fill(MASTER_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.getByText('No requests yet.').waitFor();
    assert.ok(!page.url().includes(MASTER_KEY), 'the key never appears in a URL');
    assert.equal(await page.evaluate("sessionStorage.getItem('switchyard.master-key')"), MASTER_KEY);
    await screenshot(page, 'overview-empty-laptop');
  });

  test('keys: empty state, create with limits (secret shown once, copy), edit, revoke with confirmation', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Keys' }).click();
    await page.getByText('No keys yet — create one.').waitFor();
    await page.locator('.page-header').getByRole('button', { name: 'Create key' }).click();
    const form = page.locator('dialog[open]');
    await form.getByLabel('Name').fill('ci-bot');
    await form.getByLabel('Allowed models').fill('gpt-4o, anthropic/*');
    await form.getByLabel('Budget (USD)').fill('25');
    await form.getByLabel('Budget period').selectOption('month');
    await form.getByLabel('Requests per minute').fill('60');
    await form.getByLabel('Tokens per minute').fill('100000');
    await form.getByLabel('Expires after (UTC day)').fill('2031-01-31');
    await screenshot(page, 'keys-create-laptop');
    await form.getByRole('button', { name: 'Create key' }).click();

    const secretDialog = page.locator('dialog[open]');
    await secretDialog.getByRole('heading', { name: 'Key created' }).waitFor();
    const secret = await secretDialog.getByLabel('Secret key for “ci-bot”').inputValue();
    assert.match(secret, /^sy-/);
    await secretDialog.getByRole('button', { name: 'Copy' }).click();
    await secretDialog.getByText('Copied to the clipboard.').waitFor();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), secret);
    await screenshot(page, 'keys-secret-laptop');
    await secretDialog.getByRole('button', { name: 'Done' }).click();

    const row = page.locator('tbody tr', { hasText: 'ci-bot' });
    await row.waitFor();
    keyId = (await row.getAttribute('data-key-id')) ?? '';
    const stored = await adminGet(`/admin/keys/${keyId}`);
    assert.deepEqual(
      { models: stored.models, budget_usd: stored.budget_usd, budget_period: stored.budget_period, rpm: stored.rpm, tpm: stored.tpm, expires_at: stored.expires_at },
      { models: ['gpt-4o', 'anthropic/*'], budget_usd: 25, budget_period: 'month', rpm: 60, tpm: 100000, expires_at: '2031-01-31T23:59:59.999Z' },
    );
    assert.ok(!(await page.content()).includes(secret), 'the secret is gone once the dialog closes');
    const works = await fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });
    assert.equal(works.status, 200, 'the copied secret is a working key');

    await row.getByRole('button', { name: 'Edit ci-bot' }).click();
    const edit = page.locator('dialog[open]');
    await edit.getByLabel('Requests per minute').fill('120');
    await edit.getByLabel('Tokens per minute').fill('');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await row.getByText('120 RPM').waitFor();
    const edited = await adminGet(`/admin/keys/${keyId}`);
    assert.equal(edited.rpm, 120);
    assert.equal(edited.tpm, null, 'a cleared field removes the limit');
    assert.equal(edited.budget_usd, 25, 'untouched fields are not sent');
    await screenshot(page, 'keys-laptop');

    await row.getByRole('button', { name: 'Revoke ci-bot' }).click();
    const confirm = page.locator('dialog[open]');
    await confirm.getByRole('heading', { name: 'Revoke “ci-bot”?' }).waitFor();
    await screenshot(page, 'keys-revoke-confirm-laptop');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await adminGet(`/admin/keys/${keyId}`)).revoked_at, null, 'cancel keeps the key');
    await row.getByRole('button', { name: 'Revoke ci-bot' }).click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Revoke key' }).click();
    await row.getByText('Revoked').waitFor();
    assert.notEqual((await adminGet(`/admin/keys/${keyId}`)).revoked_at, null);
    const refused = await fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });
    assert.equal(refused.status, 401, 'a revoked key is refused');
  });

  test('playground: a streamed answer with tokens and metered cost, then two models side by side', async () => {
    await go('#/playground');
    await page.getByLabel('Model 1', { exact: true }).selectOption('gpt-4o');
    await page.getByLabel('System prompt').fill('Answer briefly.');
    await page.getByLabel('Temperature').fill('0.2');
    await page.getByLabel('Message').fill('Say hello');
    await page.getByLabel('Message').press('Control+Enter');
    const pane = page.locator('.pane').first();
    await pane.locator('.turn-assistant .turn-text').getByText(ANSWER).waitFor();
    await pane.locator('.answer-cost').waitFor();
    assert.match((await pane.locator('.answer-tokens').textContent()) ?? '', /12 in · 9 out tokens/);
    const sent = gateway.upstream.last.body;
    assert.deepEqual(sent.messages, [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content: 'Say hello' }]);
    assert.equal(sent.temperature, 0.2);

    const log = (await adminGet('/admin/requests?model=gpt-4o')).data as Array<{ id: string; cost_usd: number }>;
    const record = log[0];
    assert.ok(record !== undefined && record.cost_usd > 0);
    assert.equal(await pane.locator('.answer-cost').textContent(), formatUsd(record.cost_usd), 'the cost shown is the metered cost');
    await screenshot(page, 'playground-laptop');

    await page.getByRole('button', { name: '+ Compare with another model' }).click();
    await page.getByLabel('Model 2', { exact: true }).selectOption('claude-4-5-haiku');
    gateway.upstream.setDefault({ kind: 'answer', answer: { text: ANSWER, finish: 'stop', usage: { prompt: 12, completion: 9 } }, chunkDelayMs: 400 });
    await page.getByLabel('Message').fill('And now both of you');
    await page.getByRole('button', { name: 'Send' }).click();
    // While the first column is still mid-answer, the second model's request has already reached
    // the upstream: the columns stream in parallel, not one after the other.
    const columns = await page.locator('.pane').all();
    assert.equal(columns.length, 2);
    const first = columns[0]!.locator('.turn-assistant .turn-text').last();
    await first.filter({ hasText: /^Streaming/ }).waitFor();
    assert.notEqual(await first.textContent(), ANSWER, 'the first answer is still streaming');
    assert.equal(gateway.upstream.requests.length, 3, 'both requests are in flight');
    for (const column of columns) {
      await column.locator('.turn-assistant').nth(-1).locator('.answer-cost').waitFor();
      assert.equal(await column.locator('.turn-assistant .turn-text').nth(-1).textContent(), ANSWER);
    }
    assert.equal(gateway.upstream.requests.filter((request) => request.protocol === 'anthropic').length, 1);
    await screenshot(page, 'playground-compare-laptop', { atBottom: true });

    // An upstream rejection shows the gateway's envelope message in the column that asked.
    await page.getByRole('button', { name: 'Remove model 2 from the comparison' }).click();
    gateway.upstream.enqueue({ kind: 'error', status: 400, message: 'The prompt is too long for this fake model.' });
    await page.getByLabel('Message').fill('Trigger an error');
    await page.getByLabel('Message').press('Control+Enter');
    await page.locator('.pane').first().getByRole('alert').getByText('The prompt is too long for this fake model.').waitFor();
    await screenshot(page, 'playground-error-laptop', { atBottom: true });
  });

  test('requests: the log shows the chats and the error, filters by provider, and opens a detail view', async () => {
    // Wait for the condition (all four records written), never for the first row: the batched
    // usage writer may still hold the last one when the page loads.
    await waitForRecords(4);
    await go('#/requests');
    const rows = page.locator('.requests-table tbody tr');
    await page.waitForFunction("document.querySelectorAll('.requests-table tbody tr').length >= 4", undefined, { timeout: 10_000 });
    assert.equal(await rows.count(), 4, 'three answers and one upstream rejection');
    await rows.first().getByText('400').waitFor();
    await screenshot(page, 'requests-laptop');

    await page.getByLabel('Provider').fill('anthropic');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/provider=anthropic/);
    await page.locator('.requests-table tbody tr').first().waitFor();
    assert.equal(await page.locator('.requests-table tbody tr').count(), 1);
    assert.match((await page.locator('.requests-table tbody tr').first().textContent()) ?? '', /claude-4-5-haiku/);

    await page.getByLabel('Provider').fill('nobody');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No requests match these filters.').waitFor();

    await go('#/requests?model=gpt-4o&status=200');
    await page.locator('.requests-table tbody tr th a').first().click();
    await page.getByRole('heading', { name: 'Request details' }).waitFor();
    const detail = page.locator('.detail-groups');
    await detail.getByText('openai / gpt-4o').waitFor();
    const value = (term: string) => detail.locator('div', { has: page.getByText(term, { exact: true }) }).locator('dd').textContent();
    const [record] = (await adminGet('/admin/requests?model=gpt-4o&status=200&limit=1')).data as Array<{ cost_usd: number; ttft_ms: number }>;
    assert.equal(await value('Prompt'), '12');
    assert.equal(await value('Completion'), '9');
    assert.equal(await value('Cost'), formatUsd(record?.cost_usd ?? -1));
    assert.equal(await value('Time to first token'), `${record?.ttft_ms} ms`);
    assert.equal(await value('Streamed'), 'yes');
    assert.equal(await value('Retries'), '0');
    assert.equal(await value('Fallbacks'), '0');
    await detail.getByText('Latency', { exact: true }).waitFor();
    await screenshot(page, 'request-detail-laptop');
  });

  test('overview: spend today, the stacked chart and provider health', async () => {
    await go('#/overview');
    const today = page.locator('.stat-card').first();
    await today.locator('.stat-value').waitFor();
    const totals = (await adminGet('/admin/overview')).today as { cost_usd: number; requests: number };
    assert.equal(totals.requests, 4);
    assert.equal(await today.locator('dd').nth(2).textContent(), '25%', 'one error in four requests');
    assert.equal(await today.locator('.stat-value').textContent(), formatUsd(totals.cost_usd));
    await page.locator('.chart svg rect').first().waitFor();
    assert.ok((await page.locator('.chart svg rect').count()) >= 2, 'one segment per model');
    await page.locator('.legend').getByText('claude-4-5-haiku').waitFor();
    await page.locator('.data-table tbody tr', { hasText: 'openai' }).waitFor();
    await screenshot(page, 'overview-laptop');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'overview-dark-laptop');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('keyboard: the skip link and navigation work without a mouse', async () => {
    await go('#/overview');
    await page.reload();
    await page.locator('main h1').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement.textContent'), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate('document.activeElement.id'), 'main');
    await page.getByRole('link', { name: 'Requests' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/requests/);
    await page.getByRole('heading', { name: 'Requests', level: 1 }).waitFor();
    assert.equal(await page.evaluate('document.activeElement.tagName'), 'H1', 'focus moves to the new page');
  });

  test('phone width: every page fits without horizontal scrolling', async () => {
    await page.setViewportSize(PHONE);
    gateway.upstream.setDefault({ kind: 'answer', answer: { text: ANSWER, finish: 'stop', usage: { prompt: 12, completion: 9 } }, chunkDelayMs: 20 });
    const created = await fetch(`${gateway.url}/admin/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'mobile-app', rpm: 30, budget_usd: 5, budget_period: 'day' }),
    });
    assert.equal(created.status, 201);
    const pages: Array<[string, string]> = [
      ['overview', '#/overview'],
      ['keys', '#/keys'],
      ['requests', '#/requests'],
      ['playground', '#/playground'],
    ];
    for (const [name, hash] of pages) {
      await go(hash);
      await page.waitForLoadState('networkidle');
      assert.equal(await horizontalOverflow(page), 0, `${name} scrolls sideways at 390 px`);
      await screenshot(page, `${name}-phone`);
    }

    await page.getByLabel('Message').fill('Hello from a phone');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.pane .answer-cost').last().waitFor();
    assert.equal(await horizontalOverflow(page), 0, 'a conversation fits at 390 px');
    await screenshot(page, 'playground-chat-phone', { atBottom: true });

    await go('#/keys');
    await page.locator('.page-header').getByRole('button', { name: 'Create key' }).click();
    await page.locator('dialog[open]').getByLabel('Name').waitFor();
    assert.equal(await horizontalOverflow(page), 0, 'the key form fits at 390 px');
    await screenshot(page, 'keys-create-phone');
    await page.locator('dialog[open]').getByRole('button', { name: 'Cancel' }).click();

    await go('#/requests');
    await page.locator('.requests-table tbody tr th a').first().click();
    await page.getByRole('heading', { name: 'Request details' }).waitFor();
    assert.equal(await horizontalOverflow(page), 0, 'request detail scrolls sideways at 390 px');
    await screenshot(page, 'request-detail-phone');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Master key').waitFor();
    assert.equal(await horizontalOverflow(page), 0);
    await screenshot(page, 'sign-in-phone');
    assert.equal(await page.evaluate("sessionStorage.getItem('switchyard.master-key')"), null, 'signing out forgets the key');
    await page.setViewportSize(LAPTOP);
  });

  test('nothing the console does is blocked by its own Content-Security-Policy', () => {
    assert.deepEqual(cspViolations, []);
  });
});
