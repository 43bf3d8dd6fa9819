import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ProviderEndpoint } from '../../config/config.js';
import { GatewayError } from '../../core/errors.js';
import { encodeReasoningCarrier } from './reasoning-carrier.js';
import { responsesDoor } from './responses-door.js';

const native = responsesDoor.native;
if (native === undefined) throw new Error('the Responses door speaks the Responses API natively');

const endpoint = (overrides: Partial<ProviderEndpoint>): ProviderEndpoint => ({
  name: 'openai',
  type: 'openai',
  baseUrl: 'https://api.openai.com/v1',
  apiKey: 'sk-provider',
  apiVersion: null,
  headers: {},
  ...overrides,
});

const context = { upstreamModel: 'gpt-5-2025-08-07', stream: true, clientHeaders: { authorization: 'Bearer sy-client-key' } };

describe('native Responses passthrough', () => {
  test('OpenAI and Azure deployments speak it; others do not', () => {
    assert.equal(native.accepts(endpoint({})), true);
    assert.equal(native.accepts(endpoint({ type: 'azure' })), true);
    for (const type of ['anthropic', 'gemini', 'deepseek', 'openai-compatible']) assert.equal(native.accepts(endpoint({ type })), false, type);
  });

  test('the body goes through unchanged but the model, with the provider key', () => {
    const body = { model: 'gpt-5', input: 'hi', stream: true, store: false, include: ['reasoning.encrypted_content'], prompt_cache_key: 'k', client_metadata: { a: 'b' }, some_new_field: [1] };
    const { inbound } = responsesDoor.decode(body);
    const request = native.buildRequest(inbound, endpoint({}), context);
    assert.equal(request.url, 'https://api.openai.com/v1/responses');
    assert.deepEqual(JSON.parse(request.body), { ...body, model: 'gpt-5-2025-08-07' });
    assert.equal(request.headers.authorization, 'Bearer sk-provider');
    assert.equal(request.headers.accept, 'text/event-stream');
  });

  test('Switchyard’s own fallback list and reasoning carriers stay behind', () => {
    const carrier = encodeReasoningCarrier([{ type: 'reasoning.text', text: 't', signature: 's', format: 'anthropic-claude-v1' }]);
    const input = [
      { role: 'user', content: 'a' },
      { type: 'reasoning', summary: [], encrypted_content: carrier },
      { type: 'reasoning', summary: [], encrypted_content: 'gAAAA-openai' },
    ];
    const { inbound } = responsesDoor.decode({ model: 'gpt-5', models: ['claude-4-5-sonnet'], input });
    const sent = JSON.parse(native.buildRequest(inbound, endpoint({}), context).body) as Record<string, unknown>;
    assert.equal(sent.models, undefined);
    assert.deepEqual(sent.input, [input[0], input[2]]);
  });

  test('Azure: the v1 GA path with the api-key header', () => {
    const { inbound } = responsesDoor.decode({ model: 'gpt-5', input: 'hi' });
    const azure = endpoint({ type: 'azure', baseUrl: 'https://east.openai.azure.com', apiVersion: '2024-10-21' });
    const request = native.buildRequest(inbound, azure, { ...context, stream: false });
    assert.equal(request.url, 'https://east.openai.azure.com/openai/v1/responses');
    assert.equal(request.headers['api-key'], 'sk-provider');
    assert.equal(request.headers.authorization, undefined);
    assert.equal(native.buildRequest(inbound, endpoint({ type: 'azure', baseUrl: 'https://x.openai.azure.com/openai/v1' }), context).url, 'https://x.openai.azure.com/openai/v1/responses');
  });

  test('usage is read in canonical terms', () => {
    assert.deepEqual(native.usageOf({ usage: { input_tokens: 100, input_tokens_details: { cached_tokens: 40 }, output_tokens: 30, output_tokens_details: { reasoning_tokens: 12 }, total_tokens: 130 } }), {
      prompt_tokens: 100,
      completion_tokens: 30,
      total_tokens: 130,
      prompt_tokens_details: { cached_tokens: 40 },
      completion_tokens_details: { reasoning_tokens: 12 },
    });
    assert.equal(native.usageOf({ id: 'resp_1' }), undefined);
  });
});

describe('native Responses stream scanner', () => {
  const event = (type: string, fields: Record<string, unknown> = {}) => ({ event: type, data: JSON.stringify({ type, ...fields }) });

  test('text is counted, response.completed ends it with usage', () => {
    const scanner = native.createStreamScanner();
    scanner.push(event('response.created', { response: { id: 'r' } }));
    scanner.push(event('response.output_text.delta', { delta: 'Hello' }));
    assert.equal(scanner.done, false);
    scanner.push(event('response.completed', { response: { usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 } } }));
    assert.equal(scanner.done, true);
    assert.equal(scanner.textLength, 5);
    assert.equal(scanner.usage()?.prompt_tokens, 3);
  });

  test('text deltas are measured as written (escapes and all), without being parsed', () => {
    const scanner = native.createStreamScanner();
    scanner.push(event('response.output_text.delta', { item_id: 'msg_1', delta: 'a "quoted" word', sequence_number: 4 }));
    assert.equal(scanner.textLength, JSON.stringify('a "quoted" word').length - 2);
  });

  test('response.incomplete and response.failed end it too', () => {
    for (const type of ['response.incomplete', 'response.failed']) {
      const scanner = native.createStreamScanner();
      scanner.push(event(type, { response: {} }));
      assert.equal(scanner.done, true, type);
    }
  });

  test('an event whose fields are of the wrong type is left alone: it neither ends the stream nor throws', () => {
    for (const fields of [{ response: null }, { response: 'x' }, { delta: 3 }, { code: 5 }, { message: {} }]) {
      const scanner = native.createStreamScanner();
      scanner.push(event('response.completed', fields));
      assert.equal(scanner.done, false, JSON.stringify(fields));
      assert.doesNotThrow(() => native.createStreamScanner().push(event('error', { code: 7 })), 'a malformed error event is not read');
    }
    const untyped = native.createStreamScanner();
    untyped.push({ event: 'response.completed', data: JSON.stringify({ response: {} }) });
    assert.equal(untyped.done, false, 'an event without a type is not read');
  });

  test('an error event throws the upstream’s error', () => {
    const scanner = native.createStreamScanner();
    assert.throws(
      () => scanner.push(event('error', { code: 'rate_limit_exceeded', message: 'Slow down.', param: null })),
      (error: unknown) => error instanceof GatewayError && error.status === 429 && error.message === 'Slow down.',
    );
    assert.throws(
      () => native.createStreamScanner().push(event('error', { error: { type: 'server_error', code: 'server_error', message: 'Boom.' } })),
      (error: unknown) => error instanceof GatewayError && error.status === 502 && error.message === 'Boom.',
    );
  });
});
