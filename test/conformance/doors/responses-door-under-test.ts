/**
 * The OpenAI Responses door in the door conformance suite: answers read as the openai SDK reads
 * them (output items; a stream folded from its events the way ResponseStream accumulates them),
 * the stream grammar of responses-stream-grammar.ts, and Responses request cases.
 */
import assert from 'node:assert/strict';
import type { FinishReason } from '../../../src/core/chat-response.js';
import { responsesDoor } from '../../../src/doors/responses/responses-door.js';
import type { DoorUnderTest, ReadAnswer } from './door-under-test.js';
import { parseEvents, responsesStreamViolations } from './responses-stream-grammar.js';

interface Item {
  type: string;
  call_id?: string;
  name?: string;
  arguments?: string;
  summary?: Array<{ text: string }>;
  content?: Array<{ type: string; text?: string }>;
}

interface ResponseBody {
  status: string;
  incomplete_details: { reason?: string } | null;
  output: Item[];
  usage?: { input_tokens: number; output_tokens: number; input_tokens_details: { cached_tokens: number }; output_tokens_details: { reasoning_tokens: number } };
}

function finishOf(response: ResponseBody): FinishReason | null {
  if (response.status === 'incomplete') return response.incomplete_details?.reason === 'content_filter' ? 'content_filter' : 'length';
  if (response.status !== 'completed') return null;
  return response.output.some((item) => item.type === 'function_call') ? 'tool_calls' : 'stop';
}

function answerOf(response: ResponseBody, output: readonly Item[]): ReadAnswer {
  const messages = output.filter((item) => item.type === 'message');
  const text = messages.flatMap((item) => item.content ?? []).filter((part) => part.type === 'output_text').map((part) => part.text ?? '');
  const usage = response.usage;
  return {
    text: text.length === 0 ? null : text.join(''),
    reasoning: output.filter((item) => item.type === 'reasoning').flatMap((item) => (item.summary ?? []).map((part) => part.text)).join(''),
    toolCalls: output
      .filter((item) => item.type === 'function_call')
      .map((item) => ({ id: item.call_id ?? '', name: item.name ?? '', arguments: JSON.parse(item.arguments ?? 'null') as unknown })),
    finish: finishOf(response),
    usage: usage
      ? { prompt: usage.input_tokens, completion: usage.output_tokens, cachedRead: usage.input_tokens_details.cached_tokens, reasoning: usage.output_tokens_details.reasoning_tokens }
      : null,
  };
}

/** The output as a client folds it from the events (added items, then their deltas), not the final copy. */
function foldOutput(sse: string): Item[] {
  const output: Item[] = [];
  for (const { data } of parseEvents(sse)) {
    const index = typeof data.output_index === 'number' ? data.output_index : -1;
    const item = output[index];
    switch (data.type) {
      case 'response.output_item.added':
        output[index] = { ...(data.item as Item), summary: [], content: [], ...((data.item as Item).type === 'function_call' ? { arguments: '' } : {}) };
        break;
      case 'response.reasoning_summary_part.added':
        item?.summary?.push({ text: '' });
        break;
      case 'response.reasoning_summary_text.delta': {
        const part = item?.summary?.[Number(data.summary_index)];
        if (part) part.text += String(data.delta);
        break;
      }
      case 'response.content_part.added':
        item?.content?.push({ ...(data.part as { type: string; text?: string }) });
        break;
      case 'response.output_text.delta': {
        const part = item?.content?.[Number(data.content_index)];
        if (part) part.text = (part.text ?? '') + String(data.delta);
        break;
      }
      case 'response.function_call_arguments.delta':
        if (item) item.arguments = (item.arguments ?? '') + String(data.delta);
        break;
      default:
        break;
    }
  }
  return output;
}

function finalResponse(sse: string): ResponseBody {
  const last = parseEvents(sse).at(-1);
  assert.ok(last !== undefined && 'response' in last.data, 'the stream ends with a response');
  return last.data.response as ResponseBody;
}

const NAMESPACE_TOOLS = [
  { type: 'function', name: 'exec_command', parameters: { type: 'object', properties: { cmd: { type: 'string' } } }, strict: false },
  {
    type: 'namespace',
    name: 'multi_agent_v1',
    description: 'Tools for sub-agents.',
    tools: [{ type: 'function', name: 'spawn_agent', description: 'Start one.', parameters: { type: 'object', properties: {} }, strict: false }],
  },
  { type: 'web_search', external_web_access: false },
];

export const responsesDoorUnderTest: DoorUnderTest = {
  name: 'responses',
  codec: responsesDoor,
  minimalRequest: (stream) => ({ model: 'gpt-4o', input: 'hi', stream }),
  readResponse(body) {
    const response = body as ResponseBody & { object: string };
    assert.equal(response.object, 'response');
    return answerOf(response, response.output);
  },
  readStream(sse) {
    return answerOf(finalResponse(sse), foldOutput(sse));
  },
  streamViolations: responsesStreamViolations,
  readError(body) {
    const value = body as { error?: { type: string; message: string; param: unknown; code: unknown }; type?: string; message?: string };
    if (value.type === 'error') {
      // The stream's error event: flat (the SDK's ResponseErrorEvent) and nested (what makes the SDK throw).
      assert.ok(value.error !== undefined && 'code' in value && 'param' in value, 'the error event has code, param and the nested error');
      return { type: value.error.type, message: value.message ?? '' };
    }
    assert.ok(value.error !== undefined && 'param' in value.error && 'code' in value.error, 'the OpenAI envelope always has param and code');
    return { type: value.error.type, message: value.error.message };
  },
  requestCases: [
    {
      label: 'instructions and a string input',
      body: { model: 'gpt-4o', instructions: 'Be brief.', input: 'hi' },
      check: (request) =>
        assert.deepEqual(request.messages, [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hi' },
        ]),
    },
    {
      label: 'a function-call round trip becomes an assistant tool call and a tool message',
      body: {
        model: 'gpt-4o',
        input: [
          { role: 'user', content: 'Weather in Paris?' },
          { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'function_call_output', call_id: 'call_1', output: '{"temp":21}' },
        ],
        tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true }],
      },
      check: (request) => {
        assert.deepEqual(request.messages.slice(1), [
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
          { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
        ]);
        assert.deepEqual(request.tools, [
          { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true } },
        ]);
      },
    },
    {
      label: 'namespace tools are flattened and web_search is dropped',
      body: { model: 'gpt-4o', input: 'spawn one', tools: NAMESPACE_TOOLS, tool_choice: 'auto' },
      check: (request) => {
        const names = (request.tools ?? []).map((tool) => (tool.type === 'function' ? tool.function.name : tool.custom.name));
        assert.deepEqual(names, ['exec_command', 'multi_agent_v1__spawn_agent']);
        assert.equal(request.tool_choice, 'auto');
      },
    },
    {
      label: 'parameters: max_output_tokens, reasoning.effort, text.format json_schema, text.verbosity, stream usage',
      body: {
        model: 'gpt-4o',
        input: 'x',
        stream: true,
        max_output_tokens: 300,
        reasoning: { effort: 'high', summary: 'auto' },
        text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true }, verbosity: 'low' },
        store: false,
        include: ['reasoning.encrypted_content'],
        prompt_cache_key: 'abc',
      },
      check: (request) => {
        assert.equal(request.max_completion_tokens, 300);
        assert.equal(request.reasoning_effort, 'high');
        assert.deepEqual(request.response_format, { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } });
        assert.equal(request.verbosity, 'low');
        assert.deepEqual(request.stream_options, { include_usage: true });
        assert.equal(request.prompt_cache_key, undefined);
        assert.equal(request.store, undefined);
      },
    },
  ],
  invalidRequests: [
    { label: 'not an object', body: [1, 2] },
    { label: 'a bad temperature', body: { model: 'gpt-4o', input: 'x', temperature: 5 }, param: 'temperature' },
    { label: 'a message without content', body: { model: 'gpt-4o', input: [{ role: 'user' }] }, param: 'input[0].content' },
    { label: 'previous_response_id (stateless)', body: { model: 'gpt-4o', input: 'x', previous_response_id: 'resp_1' }, param: 'previous_response_id' },
    { label: 'background', body: { model: 'gpt-4o', input: 'x', background: true }, param: 'background' },
    { label: 'conversation', body: { model: 'gpt-4o', input: 'x', conversation: 'conv_1' }, param: 'conversation' },
    { label: 'item_reference', body: { model: 'gpt-4o', input: [{ type: 'item_reference', id: 'msg_1' }] }, param: 'input[0]' },
    { label: 'a function tool without a name', body: { model: 'gpt-4o', input: 'x', tools: [{ type: 'function', parameters: {} }] }, param: 'tools[0].name' },
  ],
};
