import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatCompletion } from '../../core/chat-response.js';
import { decodeReasoningCarrier } from './reasoning-carrier.js';
import { responsesDoor } from './responses-door.js';

const context = { now: () => 1_770_000_000, newId: (prefix: string) => `${prefix}-abc123` };

function completion(message: Partial<ChatCompletion['choices'][number]['message']>, finish: ChatCompletion['choices'][number]['finish_reason'] = 'stop'): ChatCompletion {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'claude-sonnet-4-5',
    choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: null, ...message }, logprobs: null, finish_reason: finish }],
    usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70, prompt_tokens_details: { cached_tokens: 10 }, completion_tokens_details: { reasoning_tokens: 5 } },
  };
}

const inbound = (body: Record<string, unknown>) => responsesDoor.decode({ model: 'claude-4-5-sonnet', input: 'x', ...body }).inbound;

test('a completion becomes a Response with every field the SDK requires and the request echoed', () => {
  const body = responsesDoor.encodeResponse(completion({ content: 'Hello!' }), inbound({ instructions: 'Be brief.', temperature: 0.5, metadata: { a: 'b' } }), context);
  assert.deepEqual(body, {
    id: 'resp_abc123',
    object: 'response',
    created_at: 1_770_000_000,
    status: 'completed',
    completed_at: 1_770_000_000,
    error: null,
    incomplete_details: null,
    model: 'claude-sonnet-4-5',
    output: [
      { id: 'msg_abc123_0', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Hello!', annotations: [], logprobs: [] }] },
    ],
    output_text: 'Hello!',
    usage: { input_tokens: 50, input_tokens_details: { cached_tokens: 10 }, output_tokens: 20, output_tokens_details: { reasoning_tokens: 5 }, total_tokens: 70 },
    instructions: 'Be brief.',
    tools: [],
    tool_choice: 'auto',
    parallel_tool_calls: true,
    temperature: 0.5,
    top_p: 1,
    max_output_tokens: null,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    text: { format: { type: 'text' }, verbosity: 'medium' },
    truncation: 'disabled',
    metadata: { a: 'b' },
    store: false,
    background: false,
  });
});

test('signed reasoning rides in encrypted_content; namespaced calls get name and namespace back', () => {
  const details = [{ type: 'reasoning.text' as const, text: 'Let me think.', signature: 'sig-1', format: 'anthropic-claude-v1', index: 0 }];
  const tools = [{ type: 'namespace', name: 'multi_agent_v1', description: 'Agents.', tools: [{ type: 'function', name: 'spawn_agent' }] }];
  const body = responsesDoor.encodeResponse(
    completion(
      {
        reasoning_content: 'Let me think.',
        reasoning_details: details,
        tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'multi_agent_v1__spawn_agent', arguments: '{"task":"x"}' } }],
      },
      'tool_calls',
    ),
    inbound({ tools }),
    context,
  ) as { output: Array<Record<string, unknown>> };
  const [reasoning, call] = body.output;
  assert.equal(reasoning?.type, 'reasoning');
  assert.deepEqual(reasoning?.summary, [{ type: 'summary_text', text: 'Let me think.' }]);
  assert.deepEqual(decodeReasoningCarrier(String(reasoning?.encrypted_content)), details);
  assert.deepEqual(call, { id: 'fc_abc123_1', type: 'function_call', status: 'completed', call_id: 'toolu_1', name: 'spawn_agent', namespace: 'multi_agent_v1', arguments: '{"task":"x"}' });
});

test('reasoning without a signature has no encrypted_content (DeepSeek)', () => {
  const body = responsesDoor.encodeResponse(completion({ reasoning_content: 'hmm', content: '42' }), inbound({}), context) as { output: Array<Record<string, unknown>> };
  assert.deepEqual(body.output[0], { id: 'rs_abc123_0', type: 'reasoning', summary: [{ type: 'summary_text', text: 'hmm' }] });
});

test('length and content_filter finishes are incomplete responses', () => {
  const cut = responsesDoor.encodeResponse(completion({ content: 'Once upon' }, 'length'), inbound({ max_output_tokens: 5 }), context) as Record<string, unknown> & { output: Array<{ status: string }> };
  assert.equal(cut.status, 'incomplete');
  assert.deepEqual(cut.incomplete_details, { reason: 'max_output_tokens' });
  assert.equal(cut.completed_at, null);
  assert.equal(cut.output[0]?.status, 'incomplete');
  assert.equal(cut.max_output_tokens, 5);
  const filtered = responsesDoor.encodeResponse(completion({}, 'content_filter'), inbound({}), context) as Record<string, unknown>;
  assert.deepEqual(filtered.incomplete_details, { reason: 'content_filter' });
  assert.deepEqual(filtered.output, []);
});
