/** What the official SDK makes of the door's mid-stream error: an APIError thrown, with code and message. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import OpenAI, { APIError } from 'openai';
import { GatewayError } from '../../core/errors.js';
import { responsesDoor } from './responses-door.js';

const failure = new GatewayError(502, 'The upstream failed mid-answer.', { type: 'server_error', code: 'upstream_error' });

/** A client whose every request answers with these SSE bytes. */
function clientAnswering(sse: string): OpenAI {
  return new OpenAI({
    apiKey: 'test',
    baseURL: 'http://gateway.invalid/v1',
    maxRetries: 0,
    fetch: async () => new Response(sse, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
  });
}

function streamWithError(): string {
  const { inbound } = responsesDoor.decode({ model: 'gpt-4o', input: 'hi', stream: true });
  const encoder = responsesDoor.createStreamEncoder(inbound, { now: () => 1, newId: (prefix) => `${prefix}-1` });
  const base = { id: 'c', object: 'chat.completion.chunk' as const, created: 1, model: 'm' };
  return encoder.push([{ ...base, choices: [{ index: 0, delta: { content: 'Hel' }, logprobs: null, finish_reason: null }] }]) + responsesDoor.streamError(failure);
}

test('client.responses.stream() rejects with an APIError carrying the code and message', async () => {
  const stream = clientAnswering(streamWithError()).responses.stream({ model: 'gpt-4o', input: 'hi' });
  await assert.rejects(stream.finalResponse(), (error: unknown) => error instanceof APIError && error.message.includes('The upstream failed mid-answer.') && error.code === 'upstream_error');
});

test('iterating client.responses.create({stream: true}) throws the APIError', async () => {
  const events = await clientAnswering(streamWithError()).responses.create({ model: 'gpt-4o', input: 'hi', stream: true });
  const seen: string[] = [];
  await assert.rejects(
    (async () => {
      for await (const event of events) seen.push(event.type);
    })(),
    (error: unknown) => error instanceof APIError && error.code === 'upstream_error',
  );
  assert.ok(seen.includes('response.output_text.delta'), 'the events before the failure arrive');
});

test('the response.failed event carries what Codex reads: response.error.code and message', () => {
  const failed = responsesDoor.streamError(failure).split('\n\n').find((block) => block.startsWith('event: response.failed'));
  const data = JSON.parse(/^data: (.*)$/m.exec(failed ?? '')?.[1] ?? 'null') as { response: { status: string; error: { code: string; message: string } } };
  assert.equal(data.response.status, 'failed');
  assert.deepEqual(data.response.error, { code: 'upstream_error', message: 'The upstream failed mid-answer.' });
});

test('inside a stream the error events continue its numbering and name its response', () => {
  const { inbound } = responsesDoor.decode({ model: 'gpt-4o', input: 'hi', stream: true });
  const encoder = responsesDoor.createStreamEncoder(inbound, { now: () => 1, newId: (prefix) => `${prefix}-1` });
  const base = { id: 'c', object: 'chat.completion.chunk' as const, created: 1, model: 'm' };
  const sse = encoder.push([{ ...base, choices: [{ index: 0, delta: { content: 'Hel' }, logprobs: null, finish_reason: null }] }]) + (encoder.fail?.(failure) ?? '');
  const events = sse
    .split('\n\n')
    .filter((event) => event !== '')
    .map((event) => JSON.parse(/^data: (.*)$/m.exec(event)?.[1] ?? 'null') as { type: string; sequence_number: number; response?: { id: string } });
  assert.deepEqual(events.map((event) => event.sequence_number), events.map((_, index) => index));
  const created = events.find((event) => event.type === 'response.created');
  const failed = events.find((event) => event.type === 'response.failed');
  assert.ok(created?.response && failed?.response);
  assert.equal(failed.response.id, created.response.id);
});
