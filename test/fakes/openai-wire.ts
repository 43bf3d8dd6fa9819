/**
 * Renders a CannedAnswer exactly as OpenAI's Chat Completions API sends it (protocols.md A.4/A.5):
 * the role chunk with `content:""` and `refusal:null`, content split into several deltas, tool
 * calls announced with id/type/name and `arguments:""` then argument fragments, the finish chunk,
 * and the trailing `choices: []` usage chunk when the request asked for it.
 */
import type { CannedAnswer, WireWriter } from './canned-answer.js';

const CREATED = 1_770_000_000;

function usageOf(answer: CannedAnswer) {
  const { usage } = answer;
  return {
    prompt_tokens: usage.prompt,
    completion_tokens: usage.completion,
    total_tokens: usage.prompt + usage.completion,
    prompt_tokens_details: { cached_tokens: usage.cachedRead ?? 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoning ?? 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

function toolCalls(answer: CannedAnswer) {
  return (answer.toolCalls ?? []).map((call, index) => ({
    id: call.id ?? `call_fake${index}abcdefghijklmnop`,
    type: 'function' as const,
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
}

/** Splits text into about three pieces, so streams have several deltas. */
export function pieces(text: string, count = 3): string[] {
  if (text.length <= 1) return [text];
  const size = Math.max(1, Math.ceil(text.length / count));
  const out: string[] = [];
  for (let start = 0; start < text.length; start += size) out.push(text.slice(start, start + size));
  return out;
}

export const openaiWire: WireWriter & { stream(answer: CannedAnswer, model: string, options?: { includeUsage?: boolean }): string[] } = {
  kind: 'openai-compatible',

  completion(answer, model) {
    const calls = toolCalls(answer);
    return {
      id: 'chatcmpl-fake0001',
      object: 'chat.completion',
      created: CREATED,
      model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: answer.text ?? null,
            refusal: null,
            annotations: [],
            ...(answer.reasoning ? { reasoning_content: answer.reasoning } : {}),
            ...(calls.length > 0 ? { tool_calls: calls } : {}),
          },
          logprobs: null,
          finish_reason: answer.finish,
        },
      ],
      usage: usageOf(answer),
      service_tier: 'default',
      system_fingerprint: 'fp_fake',
    };
  },

  stream(answer: CannedAnswer, model: string, options: { includeUsage?: boolean } = {}) {
    const includeUsage = options.includeUsage ?? true;
    const base = { id: 'chatcmpl-fake0002', object: 'chat.completion.chunk', created: CREATED, model, system_fingerprint: 'fp_fake' };
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
      `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...(includeUsage ? { usage: null } : {}) })}\n\n`;
    const events = [chunk({ role: 'assistant', content: '', refusal: null })];
    for (const piece of pieces(answer.reasoning ?? '')) if (piece) events.push(chunk({ reasoning_content: piece }));
    for (const piece of pieces(answer.text ?? '')) if (piece) events.push(chunk({ content: piece }));
    toolCalls(answer).forEach((call, index) => {
      events.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] }));
      for (const piece of pieces(call.function.arguments, 4)) events.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    });
    events.push(chunk({}, answer.finish));
    if (includeUsage) events.push(`data: ${JSON.stringify({ ...base, choices: [], usage: usageOf(answer) })}\n\n`);
    events.push('data: [DONE]\n\n');
    return events;
  },

  error(status, message) {
    const type = status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error';
    const code = status === 429 ? 'rate_limit_exceeded' : status === 401 ? 'invalid_api_key' : null;
    return { error: { message, type, param: null, code } };
  },
};
