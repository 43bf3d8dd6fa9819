import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration } from './format-duration.js';

test('formats like OpenAI (Go time.Duration): ms below a second, then h/m/s with a trimmed fraction', () => {
  const cases: [number, string][] = [
    [0, '0s'],
    [-5, '0s'],
    [1, '1ms'],
    [20, '20ms'],
    [999, '999ms'],
    [1000, '1s'],
    [1500, '1.5s'],
    [8640, '8.64s'],
    [59_999, '59.999s'],
    [60_000, '1m0s'],
    [86_400, '1m26.4s'],
    [360_000, '6m0s'],
    [3_600_000, '1h0m0s'],
    [3_723_050, '1h2m3.05s'],
    [0.4, '1ms'],
  ];
  for (const [ms, text] of cases) assert.equal(formatDuration(ms), text, `${ms} ms`);
});
