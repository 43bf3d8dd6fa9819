import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { lineBindings } from '../app/create-logger.js';
import { callLineFields, formatCallLine, type CallLine } from './call-log.js';

const line: CallLine = {
  requestId: 'req_1',
  door: 'chat',
  keyId: null,
  model: 'weird "model" \\ name',
  provider: 'openai',
  upstreamModel: 'gpt-4o',
  status: 200,
  errorCode: null,
  stream: false,
  promptTokens: 12,
  completionTokens: 9,
  costUsd: 0.000123,
  latencyMs: 3,
  ttftMs: null,
  retries: 0,
  fallbacks: 1,
  message: 'chat completion',
};

test('the line pino itself would write for the same fields', () => {
  const written: string[] = [];
  const logger = pino({ level: 'info' }, { write: (chunk: string) => void written.push(chunk) });
  logger.info(callLineFields(line), line.message);
  const ours = formatCallLine(line, 0, lineBindings(logger));
  const theirs = JSON.parse(written[0] ?? '{}') as Record<string, unknown>;
  assert.deepEqual({ ...(JSON.parse(ours) as Record<string, unknown>), time: theirs.time }, theirs);
  assert.deepEqual(Object.keys(JSON.parse(ours) as object), Object.keys(theirs), 'the same fields in the same order');
});

test('a call line is one valid JSON object in pino’s shape, with every field and quotes escaped', () => {
  const text = formatCallLine(line, 1_770_000_000_000, ',"pid":42,"hostname":"box"');
  assert.ok(text.endsWith('}\n'));
  assert.deepEqual(JSON.parse(text), {
    level: 30,
    time: 1_770_000_000_000,
    pid: 42,
    hostname: 'box',
    request_id: 'req_1',
    door: 'chat',
    key_id: null,
    model: 'weird "model" \\ name',
    provider: 'openai',
    upstream_model: 'gpt-4o',
    status: 200,
    error_code: null,
    stream: false,
    prompt_tokens: 12,
    completion_tokens: 9,
    cost_usd: 0.000123,
    latency_ms: 3,
    ttft_ms: null,
    retries: 0,
    fallbacks: 1,
    msg: 'chat completion',
  });
});
