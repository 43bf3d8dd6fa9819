/**
 * The official `openai` SDK against the running gateway, for OpenAI-compatible providers: plain,
 * streamed and tool-calling chats with gpt-4o, deepseek-v3.2 and doubao-pro.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { CannedAnswer } from '../fakes/canned-answer.js';
import { MASTER_KEY, startGateway, type TestGateway } from '../helpers/gateway.js';

const weather: CannedAnswer = {
  toolCalls: [
    { name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' }, id: 'call_w1' },
    { name: 'get_time', arguments: { zone: 'Europe/Paris' }, id: 'call_t2' },
  ],
  finish: 'tool_calls',
  usage: { prompt: 80, completion: 30 },
};

const tools = [
  { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
  { type: 'function' as const, function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } } },
];

describe('OpenAI-compatible providers through the official SDK', () => {
  let gateway: TestGateway;
  before(async () => {
    gateway = await startGateway();
  });
  after(async () => {
    await gateway.close();
  });
  beforeEach(() => {
    gateway.upstream.reset();
    gateway.recorder.records.length = 0;
  });

  for (const [model, upstreamModel, path, authorization] of [
    ['gpt-4o', 'gpt-4o', '/v1/chat/completions', 'Bearer sk-upstream-openai-secret'],
    ['deepseek-v3.2', 'deepseek-chat', '/chat/completions', 'Bearer sk-upstream-deepseek'],
    ['doubao-pro', 'doubao-seed-1-6-250615', '/api/v3/chat/completions', 'Bearer ark-upstream'],
  ] as const) {
    test(`${model}: a plain chat reaches ${path} with the provider's key and model id`, async () => {
      const { data: completion, response } = await gateway.client.chat.completions
        .create({ model, messages: [{ role: 'user', content: 'Say hello' }] })
        .withResponse();
      assert.equal(completion.choices[0]?.message.content, 'Hello from the fake upstream!');
      assert.equal(completion.choices[0]?.finish_reason, 'stop');
      assert.equal(completion.usage?.prompt_tokens, 12);
      assert.equal(completion.usage?.completion_tokens, 6);
      assert.equal(completion.usage?.total_tokens, 18);

      const upstream = gateway.upstream.last;
      assert.equal(upstream.path, path);
      assert.equal(upstream.body.model, upstreamModel);
      assert.equal(upstream.headers.authorization, authorization);
      assert.ok(!JSON.stringify(upstream.headers).includes(MASTER_KEY), 'the client key is never forwarded');

      assert.match(response.headers.get('x-request-id') ?? '', /^req_[0-9a-f]{32}$/);
      assert.equal(response.headers.get('x-switchyard-model'), upstreamModel);
      assert.ok(Number(response.headers.get('x-switchyard-cost-usd')) > 0, 'catalog models are priced');

      const record = gateway.recorder.records.at(-1);
      assert.equal(record?.model, model);
      assert.equal(record?.upstreamModel, upstreamModel);
      assert.equal(record?.promptTokens, 12);
      assert.equal(record?.status, 200);
      assert.equal(record?.id, response.headers.get('x-request-id'));
    });

    test(`${model}: a streamed chat arrives in pieces; usage is metered but not shown unless asked`, async () => {
      gateway.upstream.setDefault({
        kind: 'answer',
        answer: { text: 'Streaming works fine.', finish: 'stop', usage: { prompt: 9, completion: 4 } },
      });
      const stream = await gateway.client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Go' }], stream: true });
      const pieces: string[] = [];
      let sawUsage = false;
      let finish: string | null = null;
      for await (const chunk of stream) {
        if (chunk.usage) sawUsage = true;
        const choice = chunk.choices[0];
        if (choice?.delta.content) pieces.push(choice.delta.content);
        if (choice?.finish_reason) finish = choice.finish_reason;
      }
      assert.ok(pieces.length >= 2, 'content arrives as several deltas');
      assert.equal(pieces.join(''), 'Streaming works fine.');
      assert.equal(finish, 'stop');
      assert.equal(sawUsage, false, 'no usage chunk when the client did not ask');
      assert.deepEqual(gateway.upstream.last.body.stream_options, { include_usage: true }, 'the gateway always asks for usage');
      const record = gateway.recorder.records.at(-1);
      assert.equal(record?.completionTokens, 4);
      assert.equal(record?.stream, true);
      assert.ok(record?.ttftMs !== null);
    });

    test(`${model}: parallel tool calls stream as OpenAI deltas and assemble to valid JSON`, async () => {
      gateway.upstream.setDefault({ kind: 'answer', answer: weather });
      const runner = gateway.client.chat.completions.stream({
        model,
        messages: [{ role: 'user', content: 'Weather and time in Paris?' }],
        tools,
        stream_options: { include_usage: true },
      });
      const final = await runner.finalChatCompletion();
      const calls = final.choices[0]?.message.tool_calls ?? [];
      assert.equal(final.choices[0]?.finish_reason, 'tool_calls');
      assert.deepEqual(
        calls.map((call) => (call.type === 'function' ? [call.id, call.function.name, JSON.parse(call.function.arguments)] : null)),
        [
          ['call_w1', 'get_weather', { city: 'Paris', unit: 'celsius' }],
          ['call_t2', 'get_time', { zone: 'Europe/Paris' }],
        ],
      );
      assert.equal(final.usage?.total_tokens, 110, 'usage shown when asked');
    });
  }

  test("OpenAI's own answer reaches the client as the very text it sent, and its usage is metered", async () => {
    const recorded = readFileSync(new URL('../fixtures/openai/openai-text.json', import.meta.url), 'utf8');
    const expected = JSON.parse(recorded) as { usage: { prompt_tokens: number; completion_tokens: number } };
    gateway.upstream.enqueue({ kind: 'raw', body: recorded });
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Invent a holiday' }] }),
    });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), recorded, 'byte for byte, pretty-printing and all');
    const record = gateway.recorder.records.at(-1);
    assert.equal(record?.promptTokens, expected.usage.prompt_tokens);
    assert.equal(record?.completionTokens, expected.usage.completion_tokens);

    // An answer the scan cannot vouch for (usage null, no refusal field) is parsed and made conformant.
    const odd = { id: 'chatcmpl-x', object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: null };
    gateway.upstream.enqueue({ kind: 'raw', body: JSON.stringify(odd) });
    const completion = await gateway.client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });
    assert.equal(completion.choices[0]?.message.content, 'ok');
    assert.equal(completion.choices[0]?.message.refusal, null, 'filled in by the conversion');
    assert.equal(completion.choices[0]?.logprobs, null);
  });

  test('a tool round trip sends the assistant tool_calls and tool results upstream unchanged', async () => {
    const completion = await gateway.client.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
      ],
      tools,
    });
    assert.equal(completion.choices[0]?.message.content, 'Hello from the fake upstream!');
    const messages = gateway.upstream.last.body.messages as Array<Record<string, unknown>>;
    assert.equal(messages[1]?.role, 'assistant');
    assert.deepEqual(messages[2], { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' });
  });

  test('non-streamed tool calls come back as tool_calls with finish_reason tool_calls', async () => {
    gateway.upstream.setDefault({ kind: 'answer', answer: weather });
    const completion = await gateway.client.chat.completions.create({ model: 'deepseek-v3.2', messages: [{ role: 'user', content: 'x' }], tools });
    const message = completion.choices[0]?.message;
    assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
    assert.equal(message?.tool_calls?.length, 2);
    assert.equal(message?.refusal, null);
  });

  test('unknown request fields pass through to OpenAI-compatible upstreams; `models` does not', async () => {
    await gateway.client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
      // @ts-expect-error: a vendor extension the SDK does not know
      top_k: 40,
      models: ['deepseek-v3.2'],
    });
    assert.equal(gateway.upstream.last.body.top_k, 40);
    assert.equal(gateway.upstream.last.body.models, undefined);
  });

  test('a request without a model uses default_model (gpt-5)', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(response.status, 200);
    assert.equal(gateway.upstream.last.body.model, 'gpt-5');
  });

  test('reasoning_content from DeepSeek reaches the client in message and deltas', async () => {
    gateway.upstream.setDefault({
      kind: 'answer',
      answer: { reasoning: 'Let me think.', text: 'Four.', finish: 'stop', usage: { prompt: 5, completion: 20, reasoning: 15 } },
    });
    const completion = await gateway.client.chat.completions.create({ model: 'deepseek-reasoner', messages: [{ role: 'user', content: '2+2' }] });
    const message = completion.choices[0]?.message as unknown as Record<string, unknown>;
    assert.equal(message.reasoning_content, 'Let me think.');
    assert.equal(completion.usage?.completion_tokens_details?.reasoning_tokens, 15);

    const stream = await gateway.client.chat.completions.create({ model: 'deepseek-reasoner', messages: [{ role: 'user', content: '2+2' }], stream: true });
    let reasoning = '';
    for await (const chunk of stream) reasoning += String((chunk.choices[0]?.delta as Record<string, unknown> | undefined)?.reasoning_content ?? '');
    assert.equal(reasoning, 'Let me think.');
  });
});
