/**
 * The console's pure browser-side logic (no DOM): SSE parsing, number formats, hash routes and the
 * key form's body. Imported from ui/ directly; the DOM-bound rest is covered by test/browser.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { axisTicks, formatMs, formatPercent, formatUsd, formatUsdTick, lastUtcDays } from './ui/format.js';
import { SseParser } from './ui/parse-sse.js';
import { href, parseRoute } from './ui/router.js';
import { EMPTY_FORM, formValuesOf, keyBody } from './ui/views/key-form-values.js';

describe('SseParser', () => {
  test('returns each event once complete, across arbitrary chunk boundaries', () => {
    const stream = 'data: {"a":1}\n\n: keep-alive\n\ndata: {"b":2}\r\n\r\ndata:[DONE]\n\n';
    for (let size = 1; size <= stream.length; size += 1) {
      const parser = new SseParser();
      const events: string[] = [];
      for (let start = 0; start < stream.length; start += size) events.push(...parser.push(stream.slice(start, start + size)));
      assert.deepEqual(events, ['{"a":1}', '{"b":2}', '[DONE]'], `chunk size ${size}`);
    }
  });

  test('joins multi-line data, ignores other fields, and handles a lone \\r line end', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('event: message\nid: 7\ndata: one\ndata: two\n\n'), ['one\ntwo']);
    assert.deepEqual(parser.push('data: x\r'), []);
    assert.deepEqual(parser.push('\rdata: y\n\n'), ['x', 'y']);
  });
});

describe('formats', () => {
  test('money keeps two significant digits below a cent', () => {
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(0.00009), '$0.000090');
    assert.equal(formatUsd(0.00012), '$0.00012');
    assert.equal(formatUsd(0.0123), '$0.012');
    assert.equal(formatUsd(0.5), '$0.50');
    assert.equal(formatUsd(1234.5), '$1234.50');
    assert.equal(formatUsd(null), '—');
    assert.equal(formatUsdTick(0.0001), '$0.0001');
    assert.equal(formatUsdTick(2.5), '$2.5');
    assert.equal(formatUsdTick(3), '$3');
  });

  test('durations, percentages and UTC days', () => {
    assert.equal(formatMs(340.4), '340 ms');
    assert.equal(formatMs(1234), '1.23 s');
    assert.equal(formatMs(12_345), '12.3 s');
    assert.equal(formatPercent(0), '0%');
    assert.equal(formatPercent(0.0123), '1.2%');
    assert.equal(formatPercent(0.5), '50%');
    assert.deepEqual(lastUtcDays(new Date('2025-03-01T23:30:00-05:00'), 3), ['2025-02-28', '2025-03-01', '2025-03-02']);
  });

  test('axis ticks land on round steps and cover the maximum', () => {
    assert.deepEqual(axisTicks(0.0003), [0, 0.0001, 0.0002, 0.0003]);
    assert.deepEqual(axisTicks(7.3), [0, 2, 4, 6, 8]);
    assert.deepEqual(axisTicks(3, 4, true), [0, 1, 2, 3]);
    assert.deepEqual(axisTicks(0), [0, 1]);
  });
});

describe('hash routes', () => {
  test('pages, the request detail id and query parameters', () => {
    assert.deepEqual(
      { ...parseRoute('#/requests/req_abc%2F1'), query: undefined },
      { page: 'request', id: 'req_abc/1', query: undefined },
    );
    const filtered = parseRoute('#/requests?model=gpt-4o&status=429');
    assert.equal(filtered.page, 'requests');
    assert.equal(filtered.query.get('model'), 'gpt-4o');
    assert.equal(parseRoute('').page, 'overview');
    assert.equal(parseRoute('#/nonsense').page, 'overview');
    assert.equal(href('requests', { model: 'a b', provider: '' }), '#/requests?model=a+b');
  });
});

describe('key form body', () => {
  test('create sends what was filled in', () => {
    const result = keyBody({ ...EMPTY_FORM, name: ' bot ', models: 'gpt-4o, anthropic/*', budgetUsd: '2.5', budgetPeriod: 'week', rpm: '60', expires: '2030-05-01' }, null);
    assert.deepEqual(result, {
      ok: true,
      body: { name: 'bot', models: ['gpt-4o', 'anthropic/*'], budget_usd: 2.5, budget_period: 'week', rpm: 60, expires_at: '2030-05-01T23:59:59.999Z' },
    });
  });

  test('edit sends only the changes, null for a cleared limit', () => {
    const initial = formValuesOf({ name: 'bot', models: ['gpt-4o'], budgetUsd: 10, budgetPeriod: 'month', rpm: 60, tpm: 1000, expiresAt: '2030-05-01T23:59:59.999Z' });
    assert.deepEqual(keyBody({ ...initial, rpm: '120', tpm: '' }, initial), { ok: true, body: { rpm: 120, tpm: null } });
    assert.deepEqual(keyBody({ ...initial, models: '' }, initial), { ok: true, body: { models: null } });
    assert.deepEqual(keyBody(initial, initial), { ok: true, body: {} });
  });

  test('invalid input names the field to fix', () => {
    assert.equal(keyBody({ ...EMPTY_FORM }, null).ok, false);
    const rpm = keyBody({ ...EMPTY_FORM, name: 'x', rpm: '1.5' }, null);
    assert.ok(!rpm.ok && rpm.field === 'rpm');
    const budget = keyBody({ ...EMPTY_FORM, name: 'x', budgetUsd: '-1' }, null);
    assert.ok(!budget.ok && budget.field === 'budgetUsd');
  });
});
