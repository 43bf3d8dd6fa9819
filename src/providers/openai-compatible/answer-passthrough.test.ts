import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { tokenCounts, type Usage } from '../../core/usage.js';
import { scanConformantAnswer } from './answer-passthrough.js';

/** What the gateway meters of a usage: the scan must read the same as a full parse. */
const metered = (usage: Usage | undefined) => (usage === undefined ? undefined : { ...tokenCounts(usage), total: usage.total_tokens });

const recorded = readFileSync(new URL('../../../test/fixtures/openai/openai-text.json', import.meta.url), 'utf8');

const completion = (usage: string, extra = ''): string =>
  `{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"hi","refusal":null},"logprobs":null,"finish_reason":"stop"}]${extra},"usage":${usage},"service_tier":"default"}`;

test("OpenAI's recorded answer (pretty-printed): its counts, exactly as a full parse reads them", () => {
  const full = JSON.parse(recorded) as { usage: Usage };
  assert.deepEqual(metered(scanConformantAnswer(recorded)?.usage), metered(full.usage));
});

test('usage with nested details, compact, and followed by other fields', () => {
  const usage = { prompt_tokens: 19, completion_tokens: 10, total_tokens: 29, prompt_tokens_details: { audio_tokens: 0, cached_tokens: 3 }, completion_tokens_details: { reasoning_tokens: 4 } };
  assert.deepEqual(metered(scanConformantAnswer(completion(JSON.stringify(usage)))?.usage), { prompt: 19, completion: 10, cachedRead: 3, cacheWrite: 0, reasoning: 4, total: 29 });
  const spaced = '{ "prompt_tokens" : 7 ,\n "completion_tokens":\t8, "total_tokens": 15 }';
  assert.deepEqual(metered(scanConformantAnswer(completion(spaced))?.usage), { prompt: 7, completion: 8, cachedRead: 0, cacheWrite: 0, reasoning: 0, total: 15 });
});

test('a "usage" inside content, a tool call or a string value is not taken for the answer\'s usage', () => {
  const fake = '{\\"usage\\":{\\"prompt_tokens\\":999,\\"completion_tokens\\":999,\\"total_tokens\\":1998}}';
  const text = `{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"${fake}","refusal":null,"tool_calls":[{"id":"t","type":"function","function":{"name":"usage","arguments":"${fake}"}}]},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":5,"completion_tokens":6,"total_tokens":11}}`;
  assert.deepEqual(metered(scanConformantAnswer(text)?.usage), { prompt: 5, completion: 6, cachedRead: 0, cacheWrite: 0, reasoning: 0, total: 11 });
  // With the real usage missing, the fakes must not be read at all.
  const withoutUsage = text.replace(',"usage":{"prompt_tokens":5,"completion_tokens":6,"total_tokens":11}', '');
  assert.equal(scanConformantAnswer(withoutUsage), null);
});

test('anything the scan cannot read with certainty is left to the full parse', () => {
  assert.equal(scanConformantAnswer(completion('null')), null, 'usage null');
  assert.equal(scanConformantAnswer(completion('{"prompt_tokens":"5","completion_tokens":1,"total_tokens":6}')), null, 'a count that is a string');
  assert.equal(scanConformantAnswer(completion('{"prompt_tokens":1}')), null, 'counts missing');
  assert.equal(scanConformantAnswer(completion('{"prompt_tokens":1.5,"completion_tokens":1,"total_tokens":2}')), null, 'a fraction');
  assert.equal(scanConformantAnswer(completion('{"prompt_tokens":1e3,"completion_tokens":1,"total_tokens":2}')), null, 'an exponent');
  assert.equal(scanConformantAnswer(completion('{"prompt_tokens":null,"completion_tokens":1,"total_tokens":2}')), null, 'null');
  assert.equal(scanConformantAnswer(completion('{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2,"prompt_tokens_details":{"cached_tokens":-1}}')), null);
  const whole = completion('{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2,"prompt_tokens_details":{"cached_tokens":0}}');
  for (const cut of [whole.indexOf('"usage"') + 30, whole.indexOf('"cached_tokens"') + 17, whole.length - 1]) {
    assert.equal(scanConformantAnswer(whole.slice(0, cut)), null, `cut off after ${cut} characters`);
  }
  assert.equal(scanConformantAnswer('{"object":"list","usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}'), null, 'not a completion');
  assert.equal(scanConformantAnswer(`[${completion('{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}')}]`), null, 'not an object');
  assert.equal(scanConformantAnswer(''), null);
});
