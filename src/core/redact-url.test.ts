import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactUrl } from './redact-url.js';

test('credential query parameters are redacted, whatever their spelling', () => {
  assert.equal(redactUrl('/v1/chat/completions?key=AIzaSyD-abcdefghijklmnop'), '/v1/chat/completions?key=[redacted]');
  assert.equal(redactUrl('/v1/models?api_key=hunter2&x=1'), '/v1/models?api_key=[redacted]&x=1');
  assert.equal(redactUrl('/v1/models?%61pi_key=hunter2'), '/v1/models?%61pi_key=[redacted]');
  assert.equal(redactUrl('/x?access_token=abc&API-KEY=def&sig=ghi&password=p'), '/x?access_token=[redacted]&API-KEY=[redacted]&sig=[redacted]&password=[redacted]');
});

test('key-shaped values and paths are redacted too; ordinary ones are kept', () => {
  assert.equal(redactUrl('/admin/requests?limit=5&model=gpt-4o'), '/admin/requests?limit=5&model=gpt-4o');
  assert.equal(redactUrl('/v1/models?q=sk-proj-abcdefghijklmnopqrstuv'), '/v1/models?q=[redacted]');
  assert.equal(redactUrl('/v1/sk-abcdefghijklmnop/models'), '/v1/[redacted]/models');
  assert.equal(redactUrl('/health'), '/health');
  assert.equal(redactUrl('/x?%E0%A4%A=1'), '/x?%E0%A4%A=1');
});
