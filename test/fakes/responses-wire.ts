/**
 * Renders a CannedAnswer exactly as OpenAI's Responses API sends it
 * (https://platform.openai.com/docs/api-reference/responses-streaming): a `Response` object with a
 * reasoning item (summary), a message item with one output_text part, and function_call items; the
 * stream as `event:`/`data:` pairs numbered by `sequence_number`, from response.created to
 * response.completed (or response.incomplete), with text split into several deltas.
 */
import type { CannedAnswer, WireWriter } from './canned-answer.js';
import { pieces } from './openai-wire.js';

const CREATED = 1_770_000_000;
const RESPONSE_ID = 'resp_fake0001';

function usageOf(answer: CannedAnswer) {
  const { usage } = answer;
  return {
    input_tokens: usage.prompt,
    input_tokens_details: { cached_tokens: usage.cachedRead ?? 0 },
    output_tokens: usage.completion,
    output_tokens_details: { reasoning_tokens: usage.reasoning ?? 0 },
    total_tokens: usage.prompt + usage.completion,
  };
}

type Item = Record<string, unknown> & { id: string; type: string };

function outputItems(answer: CannedAnswer): Item[] {
  const items: Item[] = [];
  if (answer.reasoning) items.push({ id: 'rs_fake0', type: 'reasoning', summary: [{ type: 'summary_text', text: answer.reasoning }] });
  if (answer.text) {
    items.push({
      id: 'msg_fake1',
      type: 'message',
      role: 'assistant',
      status: answer.finish === 'length' ? 'incomplete' : 'completed',
      content: [{ type: 'output_text', text: answer.text, annotations: [], logprobs: [] }],
    });
  }
  (answer.toolCalls ?? []).forEach((call, index) => {
    items.push({
      id: `fc_fake${index + 2}`,
      type: 'function_call',
      status: 'completed',
      call_id: call.id ?? `call_fake${index}abcdefghijklmnop`,
      name: call.name,
      arguments: JSON.stringify(call.arguments),
    });
  });
  return items;
}

function response(answer: CannedAnswer, model: string, output: Item[], final: boolean) {
  const status = !final ? 'in_progress' : answer.finish === 'length' || answer.finish === 'content_filter' ? 'incomplete' : 'completed';
  const reason = answer.finish === 'length' ? 'max_output_tokens' : answer.finish === 'content_filter' ? 'content_filter' : null;
  return {
    id: RESPONSE_ID,
    object: 'response',
    created_at: CREATED,
    status,
    error: null,
    incomplete_details: final && reason !== null ? { reason } : null,
    instructions: null,
    max_output_tokens: null,
    model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: final ? usageOf(answer) : null,
    metadata: {},
  };
}

export const responsesWire: WireWriter = {
  kind: 'responses',

  completion(answer, model) {
    return response(answer, model, outputItems(answer), true);
  },

  stream(answer, model) {
    let sequence = 0;
    const events: string[] = [];
    const event = (type: string, fields: Record<string, unknown>) =>
      events.push(`event: ${type}\ndata: ${JSON.stringify({ type, ...fields, sequence_number: sequence++ })}\n\n`);
    event('response.created', { response: response(answer, model, [], false) });
    event('response.in_progress', { response: response(answer, model, [], false) });
    const items = outputItems(answer);
    items.forEach((item, outputIndex) => {
      const ref = { item_id: item.id, output_index: outputIndex };
      if (item.type === 'reasoning') {
        event('response.output_item.added', { output_index: outputIndex, item: { ...item, summary: [] } });
        const text = answer.reasoning ?? '';
        event('response.reasoning_summary_part.added', { ...ref, summary_index: 0, part: { type: 'summary_text', text: '' } });
        for (const piece of pieces(text)) event('response.reasoning_summary_text.delta', { ...ref, summary_index: 0, delta: piece });
        event('response.reasoning_summary_text.done', { ...ref, summary_index: 0, text });
        event('response.reasoning_summary_part.done', { ...ref, summary_index: 0, part: { type: 'summary_text', text } });
      } else if (item.type === 'message') {
        const text = answer.text ?? '';
        event('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } });
        event('response.content_part.added', { ...ref, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
        for (const piece of pieces(text)) event('response.output_text.delta', { ...ref, content_index: 0, delta: piece, logprobs: [] });
        event('response.output_text.done', { ...ref, content_index: 0, text, logprobs: [] });
        event('response.content_part.done', { ...ref, content_index: 0, part: { type: 'output_text', text, annotations: [], logprobs: [] } });
      } else {
        const args = String(item.arguments);
        event('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress', arguments: '' } });
        for (const piece of pieces(args, 4)) event('response.function_call_arguments.delta', { ...ref, delta: piece });
        event('response.function_call_arguments.done', { ...ref, name: item.name, arguments: args });
      }
      event('response.output_item.done', { output_index: outputIndex, item });
    });
    const final = response(answer, model, items, true);
    event(final.status === 'completed' ? 'response.completed' : 'response.incomplete', { response: final });
    return events;
  },

  error(status, message) {
    const type = status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error';
    const code = status === 429 ? 'rate_limit_exceeded' : status === 401 ? 'invalid_api_key' : null;
    return { error: { message, type, param: null, code } };
  },
};
