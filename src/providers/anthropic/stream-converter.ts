/**
 * Anthropic SSE events → OpenAI chunks, one state machine (protocols.md E.3;
 * https://docs.claude.com/en/docs/build-with-claude/streaming):
 * message_start → role chunk; text deltas → `content`; tool_use → a first delta with id, type, name
 * and `arguments: ""`, then the `input_json_delta` fragments (`"{}"` when none came), numbered by
 * position among tool calls, not by content block; thinking → `reasoning_content` deltas and, when
 * the block closes, one complete signed `reasoning_details` entry (so a client that collects the
 * entries of all deltas gets exactly what to send back); message_delta → the finish chunk;
 * message_stop → the usage chunk (`choices: []`, only when the client asked) and done.
 * `ping` is ignored; an `error` event throws the mapped GatewayError; a stream that ends before
 * message_stop was cut off and `end()` throws.
 * Limitation: text Claude writes before calling the synthetic JSON tool is streamed before the tool
 * is known (forced tool calls come without such text in practice); the non-streamed path drops it.
 */
import type { ChatCompletionChunk, ChunkDelta, FinishReason } from '../../core/chat-response.js';
import { upstreamError } from '../../core/errors.js';
import type { Usage } from '../../core/usage.js';
import type { SseEvent } from '../../stream/sse-decoder.js';
import type { AdapterContext, StreamConverter } from '../adapter.js';
import {
  anthropicStreamEventSchema,
  KNOWN_STREAM_EVENTS,
  type AnthropicContentBlock,
  type AnthropicStreamEvent,
} from './anthropic-response-schema.js';
import { convertAnthropicUsage, emptyAnthropicCounts, mergeAnthropicUsage } from './convert-anthropic-usage.js';
import { redactedThinkingDetail, thinkingDetail } from './convert-reasoning-details.js';
import { THINKING_SEPARATOR } from './convert-response.js';
import { mapAnthropicStreamError } from './map-error.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { JSON_RESPONSE_TOOL_NAME } from './map-response-format.js';
import { isFields } from '../../core/json-fields.js';
import { plainStreamEvent } from './plain-stream-event.js';

type BlockState =
  | { kind: 'text' }
  | { kind: 'tool'; toolIndex: number; sentArguments: boolean; input: unknown }
  | { kind: 'json'; sentContent: boolean; input: unknown }
  | { kind: 'thinking'; text: string; signature: string; detailIndex: number }
  | { kind: 'redacted'; data: string; detailIndex: number }
  | { kind: 'ignored' };

/** The tool input Anthropic put in content_block_start, when no input_json_delta followed. */
function wholeInput(input: unknown): string {
  if (typeof input !== 'object' || input === null || Object.keys(input).length === 0) return '{}';
  return JSON.stringify(input);
}

export function createAnthropicStreamConverter(context: AdapterContext): StreamConverter {
  let started = false;
  let finished = false;
  let done = false;
  let id = '';
  let created = 0;
  let model = context.upstreamModel;
  let counts = emptyAnthropicCounts();
  let stopReason: string | null = null;
  const blocks = new Map<number, BlockState>();
  let nextToolIndex = 0;
  let nextDetailIndex = 0;
  let answeredWithJsonTool = false;
  let reasoningSent = false;
  let separatorDue = false;

  const chunk = (delta: ChunkDelta, finish: FinishReason | null = null): ChatCompletionChunk => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });

  const reasoning = (text: string): ChatCompletionChunk[] => {
    if (text === '') return [];
    const prefix = separatorDue ? THINKING_SEPARATOR : '';
    separatorDue = false;
    reasoningSent = true;
    return [chunk({ reasoning_content: prefix + text })];
  };

  const finishChunk = (): ChatCompletionChunk => {
    finished = true;
    return chunk({}, mapAnthropicStopReason(stopReason, answeredWithJsonTool && nextToolIndex === 0));
  };

  function startBlock(index: number, block: AnthropicContentBlock): ChatCompletionChunk[] {
    switch (block.kind) {
      case 'text':
        blocks.set(index, { kind: 'text' });
        return block.text === '' ? [] : [chunk({ content: block.text })];
      case 'tool_use': {
        if (block.name === JSON_RESPONSE_TOOL_NAME) {
          answeredWithJsonTool = true;
          blocks.set(index, { kind: 'json', sentContent: false, input: block.input });
          return [];
        }
        const toolIndex = nextToolIndex++;
        blocks.set(index, { kind: 'tool', toolIndex, sentArguments: false, input: block.input });
        return [chunk({ tool_calls: [{ index: toolIndex, id: block.id, type: 'function', function: { name: block.name, arguments: '' } }] })];
      }
      case 'thinking':
        if (reasoningSent) separatorDue = true;
        blocks.set(index, { kind: 'thinking', text: block.thinking, signature: block.signature ?? '', detailIndex: nextDetailIndex++ });
        return reasoning(block.thinking);
      case 'redacted_thinking':
        blocks.set(index, { kind: 'redacted', data: block.data, detailIndex: nextDetailIndex++ });
        return [];
      case 'other':
        blocks.set(index, { kind: 'ignored' });
        return [];
    }
  }

  function applyDelta(event: Extract<AnthropicStreamEvent, { type: 'content_block_delta' }>): ChatCompletionChunk[] {
    const state = blocks.get(event.index);
    const change = event.delta;
    if (state === undefined) return [];
    if (state.kind === 'text' && change.kind === 'text' && change.text !== '') return [chunk({ content: change.text })];
    if (state.kind === 'tool' && change.kind === 'input_json' && change.json !== '') {
      state.sentArguments = true;
      return [chunk({ tool_calls: [{ index: state.toolIndex, function: { arguments: change.json } }] })];
    }
    if (state.kind === 'json' && change.kind === 'input_json' && change.json !== '') {
      state.sentContent = true;
      return [chunk({ content: change.json })];
    }
    if (state.kind === 'thinking' && change.kind === 'thinking') {
      state.text += change.thinking;
      return reasoning(change.thinking);
    }
    if (state.kind === 'thinking' && change.kind === 'signature') state.signature += change.signature;
    return [];
  }

  function stopBlock(index: number): ChatCompletionChunk[] {
    const state = blocks.get(index);
    blocks.delete(index);
    switch (state?.kind) {
      case 'tool':
        if (state.sentArguments) return [];
        return [chunk({ tool_calls: [{ index: state.toolIndex, function: { arguments: wholeInput(state.input) } }] })];
      case 'json':
        return state.sentContent ? [] : [chunk({ content: wholeInput(state.input) })];
      case 'thinking':
        return [chunk({ reasoning_details: [thinkingDetail(state.text, state.signature, state.detailIndex)] })];
      case 'redacted':
        return [chunk({ reasoning_details: [redactedThinkingDetail(state.data, state.detailIndex)] })];
      default:
        return [];
    }
  }

  function parse(event: SseEvent): AnthropicStreamEvent | null {
    const data = event.data.trim();
    if (data === '') return null;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      throw upstreamError('Anthropic sent a stream event that is not valid JSON.');
    }
    const plain = plainStreamEvent(json);
    if (plain !== null) return plain;
    const declared = isFields(json) && typeof json.type === 'string' ? json.type : undefined;
    // The `type` inside the data is authoritative; the SSE event name only fills in when it is missing.
    const type = declared ?? event.event;
    if (type === undefined || !KNOWN_STREAM_EVENTS.has(type)) return null;
    if (typeof json !== 'object' || json === null) throw upstreamError(`Anthropic sent a malformed ${type} event.`);
    const parsed = anthropicStreamEventSchema.safeParse(declared !== undefined ? json : { ...json, type });
    if (!parsed.success) throw upstreamError(`Anthropic sent a malformed ${type} event.`);
    return parsed.data;
  }

  return {
    get done() {
      return done;
    },

    push(sseEvent: SseEvent): ChatCompletionChunk[] {
      if (done) return [];
      const event = parse(sseEvent);
      if (event === null || event.type === 'ping') return [];
      if (event.type === 'error') throw mapAnthropicStreamError(event.error.type, event.error.message);
      if (event.type === 'message_start') {
        if (started) throw upstreamError('Anthropic started a second message inside one stream.');
        started = true;
        id = context.newId('chatcmpl');
        created = context.now();
        model = event.message.model || context.upstreamModel;
        counts = mergeAnthropicUsage(counts, event.message.usage);
        return [chunk({ role: 'assistant', content: '' })];
      }
      if (!started) throw upstreamError(`Anthropic sent ${event.type} before message_start.`);
      switch (event.type) {
        case 'content_block_start':
          return startBlock(event.index, event.content_block);
        case 'content_block_delta':
          return applyDelta(event);
        case 'content_block_stop':
          return stopBlock(event.index);
        case 'message_delta': {
          // Usage here is cumulative and may revise the input counts of message_start.
          counts = mergeAnthropicUsage(counts, event.usage);
          if (event.delta.stop_reason == null || finished) return [];
          stopReason = event.delta.stop_reason;
          const explanation = stopReason === 'refusal' ? event.delta.stop_details?.explanation : null;
          return explanation ? [chunk({ refusal: explanation }), finishChunk()] : [finishChunk()];
        }
        case 'message_stop': {
          done = true;
          const out = finished ? [] : [finishChunk()];
          if (context.includeUsage) out.push({ ...chunk({}), choices: [], usage: convertAnthropicUsage(counts) });
          return out;
        }
      }
    },

    end(): ChatCompletionChunk[] {
      if (done) return [];
      throw upstreamError(
        started
          ? 'The Anthropic stream ended before message_stop: the answer is incomplete.'
          : 'The Anthropic stream closed before sending an answer.',
      );
    },

    usage(): Usage | undefined {
      return started ? convertAnthropicUsage(counts) : undefined;
    },
  };
}
