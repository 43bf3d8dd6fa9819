/** Messages API requests and what the canonical request must say for each (door conformance suite). */
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../../src/core/chat-request.js';
import type { RequestCase } from './door-under-test.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const weatherTool = { name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

const messagesOf = (request: ChatRequest) => JSON.parse(JSON.stringify(request.messages)) as unknown;

export const messagesRequestCases: readonly RequestCase[] = [
  {
    label: 'a system prompt and a plain user message',
    body: { model: 'gpt-4o', max_tokens: 100, system: 'Be brief.', messages: [{ role: 'user', content: 'hi' }] },
    check(request) {
      assert.deepEqual(messagesOf(request), [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ]);
      assert.equal(request.max_tokens, 100);
      assert.equal(request.model, 'gpt-4o');
    },
  },
  {
    label: 'system blocks with cache_control, a system turn in messages, images and a PDF',
    body: {
      model: 'gpt-4o',
      max_tokens: 100,
      system: [{ type: 'text', text: 'One.', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'Two.' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Look:', cache_control: { type: 'ephemeral' } }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }, { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } }] },
        { role: 'system', content: 'Mid-conversation instruction.' },
        { role: 'user', content: [{ type: 'document', title: 'report.pdf', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQ=' } }] },
      ],
    },
    check(request) {
      assert.deepEqual(messagesOf(request), [
        { role: 'system', content: [{ type: 'text', text: 'One.' }, { type: 'text', text: 'Two.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look:' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
          ],
        },
        { role: 'system', content: 'Mid-conversation instruction.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'report.pdf' },
            { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0xLjQ=', filename: 'report.pdf' } },
          ],
        },
      ]);
    },
  },
  {
    label: 'a tool loop: tool_use, tool_result (error, images) and text after it',
    body: {
      model: 'gpt-4o',
      max_tokens: 100,
      tools: [{ ...weatherTool, cache_control: { type: 'ephemeral' } }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      messages: [
        { role: 'user', content: 'Weather in Paris and a picture?' },
        { role: 'assistant', content: [{ type: 'text', text: 'Checking.' }, { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } }, { type: 'tool_use', id: 'toolu_01B', name: 'get_weather', input: { city: 'Nice' } }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_01A', content: [{ type: 'text', text: '18°C' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }] },
            { type: 'tool_result', tool_use_id: 'toolu_01B', content: 'city unknown', is_error: true },
            { type: 'text', text: 'Thanks' },
          ],
        },
      ],
    },
    check(request) {
      assert.deepEqual(messagesOf(request), [
        { role: 'user', content: 'Weather in Paris and a picture?' },
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            { id: 'toolu_01A', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'toolu_01B', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Nice"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_01A', content: '18°C' },
        { role: 'tool', tool_call_id: 'toolu_01B', content: 'Error: city unknown' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'The result of tool call toolu_01A contains:' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
            { type: 'text', text: 'Thanks' },
          ],
        },
      ]);
      assert.deepEqual(request.tools, [{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: weatherTool.input_schema } }]);
      assert.equal(request.tool_choice, 'required');
      assert.equal(request.parallel_tool_calls, false);
    },
  },
  {
    label: 'thinking with a budget, and signed thinking in the history',
    body: {
      model: 'gpt-4o',
      max_tokens: 32000,
      thinking: { type: 'enabled', budget_tokens: 31999 },
      messages: [
        { role: 'user', content: 'What is 6×7?' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'Six sevens.', signature: 'EqQBsig' }, { type: 'redacted_thinking', data: 'EmwKopaque' }, { type: 'text', text: '42' }] },
        { role: 'user', content: 'And 6×8?' },
      ],
    },
    check(request) {
      assert.equal(request.reasoning_effort, 'high');
      const assistant = request.messages[1];
      assert.ok(assistant?.role === 'assistant');
      assert.equal(assistant.content, '42');
      assert.equal(assistant.reasoning_content, 'Six sevens.');
      assert.deepEqual(assistant.reasoning_details, [
        { type: 'reasoning.text', text: 'Six sevens.', signature: 'EqQBsig', format: 'anthropic-claude-v1', index: 0 },
        { type: 'reasoning.encrypted', data: 'EmwKopaque', format: 'anthropic-claude-v1', index: 1 },
      ]);
    },
  },
  {
    label: 'sampling, stop sequences, user id, adaptive thinking with an effort, structured output and a stream',
    body: {
      model: 'gpt-4o',
      max_tokens: 50,
      temperature: 0.2,
      top_p: 0.9,
      stop_sequences: ['END'],
      metadata: { user_id: 'user-123' },
      thinking: { type: 'adaptive' },
      output_config: { effort: 'low', format: { type: 'json_schema', schema: { type: 'object', properties: { a: { type: 'string' } } } } },
      stream: true,
      context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
      service_tier: 'auto',
      messages: [{ role: 'user', content: 'hi' }],
    },
    check(request) {
      assert.equal(request.temperature, 0.2);
      assert.equal(request.top_p, 0.9);
      assert.deepEqual(request.stop, ['END']);
      assert.equal(request.user, 'user-123');
      assert.equal(request.reasoning_effort, 'low');
      assert.deepEqual(request.response_format, { type: 'json_schema', json_schema: { name: 'response', schema: { type: 'object', properties: { a: { type: 'string' } } }, strict: true } });
      assert.equal(request.stream, true);
      assert.deepEqual(request.stream_options, { include_usage: true });
      assert.equal(request.context_management, undefined, 'Anthropic-only fields stay out of the canonical request');
      assert.equal(request.service_tier, undefined);
    },
  },
  {
    label: 'a named tool choice and tool_choice none',
    body: { model: 'gpt-4o', max_tokens: 50, tools: [weatherTool], tool_choice: { type: 'tool', name: 'get_weather' }, messages: [{ role: 'user', content: 'hi' }] },
    check(request) {
      assert.deepEqual(request.tool_choice, { type: 'function', function: { name: 'get_weather' } });
      assert.equal(request.parallel_tool_calls, undefined);
    },
  },
];
