import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChatRequest } from '../../core/chat-request.js';
import { GatewayError } from '../../core/errors.js';
import { encodeReasoningCarrier } from './reasoning-carrier.js';
import { responsesDoor } from './responses-door.js';
import type { ResponsesInbound } from './responses-inbound.js';

const decode = (body: Record<string, unknown>): { request: ChatRequest; inbound: ResponsesInbound } => responsesDoor.decode({ model: 'claude-4-5-sonnet', ...body });

/** The loss a translated attempt would be refused with, or null. */
function refusal(inbound: ResponsesInbound): GatewayError | null {
  try {
    responsesDoor.assertTranslatable?.(inbound);
    return null;
  } catch (error) {
    assert.ok(error instanceof GatewayError);
    return error;
  }
}

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

describe('Responses input → canonical messages', () => {
  test('instructions and developer messages become system messages, in place', () => {
    const { request } = decode({
      instructions: 'Be brief.',
      input: [
        { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Rule one.' }, { type: 'input_text', text: 'Rule two.' }] },
        { role: 'user', content: 'hi' },
      ],
    });
    assert.deepEqual(request.messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'system', content: [{ type: 'text', text: 'Rule one.' }, { type: 'text', text: 'Rule two.' }] },
      { role: 'user', content: 'hi' },
    ]);
  });

  test('images (URL or data URL, detail kept) and inline files become canonical parts', () => {
    const { request, inbound } = decode({
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is this?' },
            { type: 'input_image', image_url: PNG, detail: 'low' },
            { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'auto' },
            { type: 'input_file', filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
          ],
        },
      ],
    });
    assert.deepEqual(request.messages[0]?.content, [
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: PNG, detail: 'low' } },
      { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'auto' } },
      { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' } },
    ]);
    assert.equal(refusal(inbound), null);
  });

  test('OpenAI file ids are a loss, refused only when translating', () => {
    const { inbound } = decode({ input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file-1', detail: 'auto' }] }] });
    const error = refusal(inbound);
    assert.equal(error?.status, 400);
    assert.equal(error?.code, 'unsupported_parameter');
    assert.equal(error?.param, 'input[0].content[0].file_id');
  });

  test('a content part of a type unknown here is a loss, not a 400: OpenAI may know it', () => {
    const { request, inbound } = decode({ input: [{ role: 'user', content: [{ type: 'input_text', text: 'a' }, { type: 'input_audio', input_audio: { data: 'x', format: 'wav' } }] }] });
    assert.deepEqual(request.messages, [{ role: 'user', content: [{ type: 'text', text: 'a' }] }]);
    assert.equal(refusal(inbound)?.param, 'input[0].content[1]');
  });

  test('one assistant turn (reasoning, text, calls) becomes one assistant message; outputs become tool messages', () => {
    const details = [{ type: 'reasoning.text' as const, text: 'thinking', signature: 'sig', format: 'anthropic-claude-v1', index: 0 }];
    const { request } = decode({
      input: [
        { role: 'user', content: 'weather?' },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'thinking' }], encrypted_content: encodeReasoningCarrier(details) },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking.' }] },
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call', call_id: 'call_2', name: 'spawn_agent', namespace: 'multi_agent_v1', arguments: '{}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'sunny' },
        { type: 'function_call_output', call_id: 'call_2', output: [{ type: 'input_text', text: 'spawned' }] },
      ],
    });
    assert.deepEqual(request.messages.slice(1), [
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'multi_agent_v1__spawn_agent', arguments: '{}' } },
        ],
        reasoning_content: 'thinking',
        reasoning_details: details,
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'spawned' }] },
    ]);
  });

  test('OpenAI’s own encrypted reasoning is dropped; a reasoning item alone adds no message', () => {
    const { request, inbound } = decode({
      input: [
        { role: 'user', content: 'a' },
        { type: 'reasoning', summary: [], encrypted_content: 'gAAAAB-opaque-openai-blob' },
        { role: 'user', content: 'b' },
      ],
    });
    assert.deepEqual(request.messages, [
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
    ]);
    assert.equal(refusal(inbound), null);
  });

  test('an altered reasoning carrier is a 400 naming the item', () => {
    assert.throws(
      () => decode({ input: [{ type: 'reasoning', summary: [], encrypted_content: 'sy1.not-json' }, { role: 'user', content: 'x' }] }),
      (error: unknown) => error instanceof GatewayError && error.status === 400 && error.param === 'input[0].encrypted_content',
    );
  });

  test('images returned by a tool follow the tool messages in a user message', () => {
    const { request } = decode({
      input: [
        { role: 'user', content: 'look' },
        { type: 'function_call', call_id: 'call_1', name: 'view_image', arguments: '{"path":"a.png"}' },
        { type: 'function_call_output', call_id: 'call_1', output: [{ type: 'input_image', image_url: PNG }] },
      ],
    });
    assert.deepEqual(request.messages.slice(2), [
      { role: 'tool', tool_call_id: 'call_1', content: '(the output is in the files that follow)' },
      { role: 'user', content: [{ type: 'text', text: 'The tool calls above returned these files:' }, { type: 'image_url', image_url: { url: PNG } }] },
    ]);
  });

  test('web_search_call history is dropped; other item types are losses', () => {
    const { inbound, request } = decode({
      input: [
        { role: 'user', content: 'x' },
        { type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search', query: 'q' } },
        { type: 'local_shell_call', id: 'lsh_1', call_id: 'c', status: 'completed', action: { type: 'exec', command: ['ls'] } },
      ],
    });
    assert.equal(request.messages.length, 1);
    assert.equal(refusal(inbound)?.param, 'input[2]');
  });
});

describe('Responses tools → canonical tools', () => {
  test('function and namespace tools map; web_search is dropped; other hosted tools are losses naming tools[i]', () => {
    const { request, inbound } = decode({
      input: 'x',
      tools: [
        { type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: {} }, strict: false },
        { type: 'namespace', name: 'multi_agent_v1', description: 'Sub-agents.', tools: [{ type: 'function', name: 'close_agent', description: 'Close one.', parameters: { type: 'object' } }] },
        { type: 'web_search', external_web_access: false },
        { type: 'file_search', vector_store_ids: ['vs_1'] },
      ],
    });
    assert.deepEqual(request.tools, [
      { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: {} }, strict: false } },
      { type: 'function', function: { name: 'multi_agent_v1__close_agent', description: 'Sub-agents.\n\nClose one.', parameters: { type: 'object' } } },
    ]);
    assert.deepEqual([...inbound.names], [['multi_agent_v1__close_agent', { namespace: 'multi_agent_v1', name: 'close_agent' }]]);
    const error = refusal(inbound);
    assert.equal(error?.param, 'tools[3]');
    assert.match(error?.message ?? '', /file_search/);
  });

  test('tool_choice: a named function, a namespaced one, allowed_tools; hosted choices are losses', () => {
    const tools = [
      { type: 'function', name: 'a', parameters: { type: 'object' } },
      { type: 'namespace', name: 'ns', description: '', tools: [{ type: 'function', name: 'b' }] },
    ];
    assert.deepEqual(decode({ input: 'x', tools, tool_choice: { type: 'function', name: 'a' } }).request.tool_choice, { type: 'function', function: { name: 'a' } });
    assert.deepEqual(decode({ input: 'x', tools, tool_choice: { type: 'function', name: 'b', namespace: 'ns' } }).request.tool_choice, {
      type: 'function',
      function: { name: 'ns__b' },
    });
    assert.deepEqual(
      decode({ input: 'x', tools, tool_choice: { type: 'allowed_tools', mode: 'required', tools: [{ type: 'function', name: 'a' }, { type: 'web_search' }] } }).request.tool_choice,
      { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'a' } }] } },
    );
    assert.equal(refusal(decode({ input: 'x', tools, tool_choice: { type: 'file_search' } }).inbound)?.param, 'tool_choice');
    assert.throws(() => decode({ input: 'x', tools, tool_choice: { type: 'function', name: 'zzz' } }), (error: unknown) => error instanceof GatewayError && error.param === 'tool_choice');
  });
});

describe('Responses parameters → canonical parameters', () => {
  test('sampling, limits, metadata and identity map; what changes nothing is dropped', () => {
    const { request, inbound } = decode({
      input: 'x',
      temperature: 0.2,
      top_p: 0.9,
      max_output_tokens: 100,
      parallel_tool_calls: false,
      metadata: { team: 'a' },
      user: 'u1',
      safety_identifier: 'hash',
      text: { format: { type: 'json_object' }, verbosity: 'high' },
      reasoning: { effort: 'minimal', summary: 'detailed' },
      store: true,
      include: ['reasoning.encrypted_content'],
      prompt_cache_key: 'k',
      client_metadata: { a: 'b' },
      truncation: 'auto',
    });
    const { messages, ...rest } = request;
    assert.equal(messages.length, 1);
    assert.deepEqual(rest, {
      model: 'claude-4-5-sonnet',
      parallel_tool_calls: false,
      max_completion_tokens: 100,
      temperature: 0.2,
      top_p: 0.9,
      metadata: { team: 'a' },
      user: 'u1',
      safety_identifier: 'hash',
      verbosity: 'high',
      response_format: { type: 'json_object' },
      reasoning_effort: 'minimal',
    });
    assert.equal(refusal(inbound), null);
  });

  test('input only OpenAI can read still decodes (for a native deployment); an empty input is a 400', () => {
    const { request, inbound } = decode({ input: [{ type: 'computer_call_output', call_id: 'c', output: { type: 'computer_screenshot', image_url: PNG } }] });
    assert.equal(request.messages.length, 1);
    assert.equal(refusal(inbound)?.param, 'input[0]');
    assert.throws(() => decode({ input: [] }), (error: unknown) => error instanceof GatewayError && error.param === 'input');
  });

  test('an effort no provider knows, a stored prompt template and logprobs are losses', () => {
    assert.equal(refusal(decode({ input: 'x', reasoning: { effort: 'ultra' } }).inbound)?.param, 'reasoning.effort');
    assert.equal(refusal(decode({ input: 'x', prompt: { id: 'pmpt_1' } }).inbound)?.param, 'prompt');
    assert.equal(refusal(decode({ input: 'x', top_logprobs: 3 }).inbound)?.param, 'top_logprobs');
  });
});
