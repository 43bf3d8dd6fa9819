/**
 * Renders a CannedAnswer exactly as Anthropic's Messages API sends it
 * (https://docs.claude.com/en/api/messages, .../messages-streaming, .../errors): the non-streamed
 * `Message` body, the SSE stream (`event: <type>\ndata: <json>\n\n`: message_start, ping,
 * content_block_start/delta/stop, message_delta, message_stop) and the error body.
 * Shapes follow the recorded payloads in src/providers/anthropic/__fixtures__: thinking blocks carry
 * a signature, tool input streams as several `input_json_delta` fragments after an empty one, and a
 * no-argument call streams only the empty fragment. Everything is deterministic for a given answer.
 */
import { createHash } from 'node:crypto';
import type { CannedAnswer, WireWriter } from './canned-answer.js';

type Json = Record<string, unknown>;

const STOP_REASON: Readonly<Record<CannedAnswer['finish'], string>> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'refusal',
};

const ERROR_TYPE: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'conflict_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const digest = (text: string, length: number) => createHash('sha256').update(text).digest('base64url').replace(/[-_]/g, 'x').slice(0, length);

function messageId(answer: CannedAnswer, model: string): string {
  return `msg_01${digest(`${model}\n${JSON.stringify(answer)}`, 22)}`;
}

function toolId(answer: CannedAnswer, model: string, position: number): string {
  return answer.toolCalls?.[position]?.id ?? `toolu_01${digest(`${messageId(answer, model)}#${position}`, 22)}`;
}

function signature(answer: CannedAnswer): string {
  return Buffer.from(`canned-thinking-signature:${digest(answer.reasoning ?? '', 32)}`).toString('base64');
}

/** Anthropic counts input without cache reads and writes (prompt = input + cache read + cache write). */
function usage(answer: CannedAnswer): Json {
  const cacheRead = answer.usage.cachedRead ?? 0;
  const cacheWrite = answer.usage.cacheWrite ?? 0;
  const out: Json = {
    input_tokens: Math.max(0, answer.usage.prompt - cacheRead - cacheWrite),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    output_tokens: answer.usage.completion,
  };
  if (answer.usage.reasoning !== undefined) out.output_tokens_details = { thinking_tokens: answer.usage.reasoning };
  return out;
}

function contentBlocks(answer: CannedAnswer, model: string): Json[] {
  const blocks: Json[] = [];
  if (answer.reasoning !== undefined) blocks.push({ type: 'thinking', thinking: answer.reasoning, signature: signature(answer) });
  if (answer.text !== undefined) blocks.push({ type: 'text', text: answer.text });
  (answer.toolCalls ?? []).forEach((call, position) => {
    blocks.push({ type: 'tool_use', id: toolId(answer, model, position), name: call.name, input: call.arguments });
  });
  return blocks;
}

/** Splits text into up to `count` pieces, never inside a character. */
function pieces(text: string, count = 3): string[] {
  const characters = Array.from(text);
  if (characters.length <= 1) return [text];
  const size = Math.ceil(characters.length / count);
  const out: string[] = [];
  for (let start = 0; start < characters.length; start += size) out.push(characters.slice(start, start + size).join(''));
  return out;
}

const sse = (data: Json): string => `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;

function streamEvents(answer: CannedAnswer, model: string): Json[] {
  const finalUsage = usage(answer);
  const events: Json[] = [
    {
      type: 'message_start',
      message: {
        model,
        id: messageId(answer, model),
        type: 'message',
        role: 'assistant',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...finalUsage, output_tokens: 1, output_tokens_details: undefined },
      },
    },
    { type: 'ping' },
  ];
  let index = 0;
  const block = (start: Json, deltas: Json[]) => {
    events.push({ type: 'content_block_start', index, content_block: start });
    for (const delta of deltas) events.push({ type: 'content_block_delta', index, delta });
    events.push({ type: 'content_block_stop', index });
    index++;
  };
  if (answer.reasoning !== undefined) {
    block({ type: 'thinking', thinking: '', signature: '' }, [
      ...pieces(answer.reasoning).map((thinking) => ({ type: 'thinking_delta', thinking })),
      { type: 'signature_delta', signature: signature(answer) },
    ]);
  }
  if (answer.text !== undefined) {
    block({ type: 'text', text: '' }, pieces(answer.text).filter((text) => text !== '').map((text) => ({ type: 'text_delta', text })));
  }
  (answer.toolCalls ?? []).forEach((call, position) => {
    const input = Object.keys(call.arguments).length === 0 ? '' : JSON.stringify(call.arguments);
    block({ type: 'tool_use', id: toolId(answer, model, position), name: call.name, input: {} }, [
      { type: 'input_json_delta', partial_json: '' },
      ...(input === '' ? [] : pieces(input, 4).map((partial_json) => ({ type: 'input_json_delta', partial_json }))),
    ]);
  });
  const { cache_creation_input_tokens, cache_read_input_tokens, input_tokens, output_tokens, output_tokens_details } = finalUsage;
  events.push({
    type: 'message_delta',
    delta: { stop_reason: STOP_REASON[answer.finish], stop_sequence: null },
    // Like the recordings: cumulative output tokens, with the input counts repeated.
    usage: { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, output_tokens, output_tokens_details },
  });
  events.push({ type: 'message_stop' });
  return events;
}

export const anthropicWire: WireWriter = {
  kind: 'anthropic',

  completion(answer: CannedAnswer, model: string): unknown {
    return {
      model,
      id: messageId(answer, model),
      type: 'message',
      role: 'assistant',
      content: contentBlocks(answer, model),
      stop_reason: STOP_REASON[answer.finish],
      stop_sequence: null,
      // Real refusals explain themselves here; the canned one does not, so that every provider's
      // rendering of a content_filter answer converts to the same OpenAI message (refusal: null).
      stop_details: null,
      usage: usage(answer),
    };
  },

  stream(answer: CannedAnswer, model: string): string[] {
    // JSON.stringify drops the `undefined` placeholders (no thinking-token details when unknown).
    return streamEvents(answer, model).map(sse);
  },

  error(status: number, message: string): unknown {
    const type = ERROR_TYPE[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
    return { type: 'error', error: { type, message }, request_id: 'req_011CannedErrorRequest0001' };
  },
};
