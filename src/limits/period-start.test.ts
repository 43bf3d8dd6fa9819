import assert from 'node:assert/strict';
import { test } from 'node:test';
import { periodEnd, periodStart } from './period-start.js';

const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

test('a day starts at 00:00 UTC, whatever the time of day', () => {
  assert.equal(iso(periodStart('day', Date.parse('2025-03-09T23:59:59.999Z'))), '2025-03-09T00:00:00.000Z');
  assert.equal(iso(periodStart('day', Date.parse('2025-03-10T00:00:00.000Z'))), '2025-03-10T00:00:00.000Z');
  assert.equal(iso(periodEnd('day', Date.parse('2025-03-09T12:00:00Z'))), '2025-03-10T00:00:00.000Z');
  // 31 December rolls into the next year.
  assert.equal(iso(periodEnd('day', Date.parse('2024-12-31T18:00:00Z'))), '2025-01-01T00:00:00.000Z');
});

test('a week starts on Monday 00:00 UTC (ISO week), Sunday included in the week before', () => {
  assert.equal(iso(periodStart('week', Date.parse('2025-01-15T12:00:00Z'))), '2025-01-13T00:00:00.000Z'); // Wednesday
  assert.equal(iso(periodStart('week', Date.parse('2025-01-13T00:00:00Z'))), '2025-01-13T00:00:00.000Z'); // Monday
  assert.equal(iso(periodStart('week', Date.parse('2025-01-19T23:59:59.999Z'))), '2025-01-13T00:00:00.000Z'); // Sunday
  // Across a month and a year boundary.
  assert.equal(iso(periodStart('week', Date.parse('2025-01-01T08:00:00Z'))), '2024-12-30T00:00:00.000Z');
  assert.equal(iso(periodEnd('week', Date.parse('2025-01-01T08:00:00Z'))), '2025-01-06T00:00:00.000Z');
});

test('a month starts on the 1st 00:00 UTC, leap years included', () => {
  assert.equal(iso(periodStart('month', Date.parse('2024-02-29T23:00:00Z'))), '2024-02-01T00:00:00.000Z');
  assert.equal(iso(periodEnd('month', Date.parse('2024-02-29T23:00:00Z'))), '2024-03-01T00:00:00.000Z');
  assert.equal(iso(periodEnd('month', Date.parse('2025-12-31T23:59:59.999Z'))), '2026-01-01T00:00:00.000Z');
  assert.equal(iso(periodStart('month', Date.parse('2025-01-31T23:59:59.999Z'))), '2025-01-01T00:00:00.000Z');
});

test('a lifetime budget starts at the epoch and never ends', () => {
  assert.equal(periodStart(null, Date.now()), 0);
  assert.equal(periodEnd(null, Date.now()), null);
});
