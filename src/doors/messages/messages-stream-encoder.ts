/**
 * Canonical chunks → Anthropic's stream (https://docs.claude.com/en/docs/build-with-claude/streaming):
 * `message_start`, then per content block `content_block_start` / `_delta`* / `_stop` with indexes
 * 0, 1, 2… (the SDK accumulates by index), then `message_delta` and `message_stop`.
 * - A new block opens whenever the kind of delta changes — reasoning → `thinking` (thinking_delta,
 *   and signature_delta when Claude's signed `reasoning_details` arrive), content → `text`, a tool
 *   call → `tool_use` (name and id at the start, arguments as `input_json_delta.partial_json`), a
 *   different tool-call index → another `tool_use`; redacted thinking is a whole block.
 * - Usage: OpenAI-format providers report it only in the last chunk, so `message_start` carries the
 *   input counts known so far (usually zeros) and `message_delta` — held back until `end()` brings
 *   the call's usage — carries the final input, cache and output counts, which the SDK applies
 *   over `message_start`'s (as Anthropic itself does: fixture anthropic-message-delta-input-tokens).
 * Limitation: providers stream tool calls one after another; fragments of a tool call whose block
 * was already closed (interleaved calls) cannot be sent and are skipped.
 */
import type { ChatCompletionChunk, ChunkDelta, FinishReason } from '../../core/chat-response.js';
import type { ReasoningDetail } from '../../core/reasoning-details.js';
import type { Usage } from '../../core/usage.js';
import { ANTHROPIC_REASONING_FORMAT } from '../../providers/anthropic/convert-reasoning-details.js';
import type { DoorContext, DoorStreamEncoder } from '../door.js';
import { messageId, toolUseId } from './anthropic-ids.js';
import { convertUsageToAnthropic } from './convert-usage-to-anthropic.js';
import { mapStopReason } from './map-stop-reason.js';
import { namedEvent } from './named-event.js';
import { readChunkChoice } from './read-chunk-choice.js';

interface ThinkingState {
  kind: 'thinking';
  hasText: boolean;
  signed: boolean;
}
type OpenBlock = { kind: 'text' } | { kind: 'redacted' } | ThinkingState | { kind: 'tool'; toolIndex: number };

export function createMessagesStreamEncoder(requestedModel: string, context: DoorContext): DoorStreamEncoder {
  const id = messageId(context);
  let started = false;
  let nextIndex = 0;
  let open: OpenBlock | null = null;
  let finish: FinishReason | null = null;
  let refused = false;
  let refusalText = '';
  let usage: Usage | undefined;
  const toolsSeen = new Set<number>();
  let out = '';

  const emit = (type: string, data: object) => {
    out += namedEvent(type, { type, ...data });
  };

  const start = () => {
    if (started) return;
    started = true;
    const { input_tokens, cache_creation_input_tokens, cache_read_input_tokens } = convertUsageToAnthropic(usage);
    emit('message_start', {
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model: requestedModel, // the client's name, as Anthropic echoes it (not chunk.model)
        content: [],
        stop_reason: null,
        stop_sequence: null,
        stop_details: null,
        usage: { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, output_tokens: 0 },
      },
    });
  };

  const close = () => {
    if (open === null) return;
    emit('content_block_stop', { index: nextIndex - 1 });
    open = null;
  };

  const openBlock = (block: OpenBlock, contentBlock: object) => {
    close();
    emit('content_block_start', { index: nextIndex, content_block: contentBlock });
    nextIndex++;
    open = block;
  };

  const delta = (data: object) => emit('content_block_delta', { index: nextIndex - 1, delta: data });

  /** The thinking block to add to: the open one unless it is already signed (then a new one follows). */
  const thinkingBlock = (): ThinkingState => {
    const current = open;
    if (current?.kind === 'thinking' && !current.signed) return current;
    const block: ThinkingState = { kind: 'thinking', hasText: false, signed: false };
    openBlock(block, { type: 'thinking', thinking: '', signature: '' });
    return block;
  };

  const thinkingText = (value: string) => {
    thinkingBlock().hasText = true;
    delta({ type: 'thinking_delta', thinking: value });
  };

  /** Claude's own signed thinking (an Anthropic upstream behind an OpenAI-format hop): the signature lets the client replay it. */
  const claudeDetail = (detail: ReasoningDetail) => {
    if (detail.format !== ANTHROPIC_REASONING_FORMAT) return; // another provider's signatures mean nothing to the client
    if (detail.type === 'reasoning.encrypted') {
      openBlock({ kind: 'redacted' }, { type: 'redacted_thinking', data: detail.data });
      close();
      return;
    }
    if (detail.type !== 'reasoning.text' || !detail.signature) return;
    const block = thinkingBlock();
    // The text normally streamed as reasoning_content already; a detail alone brings it whole.
    if (!block.hasText && detail.text !== '') thinkingText(detail.text);
    delta({ type: 'signature_delta', signature: detail.signature });
    block.signed = true;
  };

  const text = (value: string) => {
    if (open?.kind !== 'text') openBlock({ kind: 'text' }, { type: 'text', text: '' });
    delta({ type: 'text_delta', text: value });
  };

  const toolCalls = (calls: NonNullable<ChunkDelta['tool_calls']>) => {
    for (const call of calls) {
      const fragment = call.function?.arguments ?? '';
      if (open?.kind === 'tool' && open.toolIndex === call.index) {
        if (fragment !== '') delta({ type: 'input_json_delta', partial_json: fragment });
        continue;
      }
      if (toolsSeen.has(call.index)) continue;
      toolsSeen.add(call.index);
      openBlock(
        { kind: 'tool', toolIndex: call.index },
        { type: 'tool_use', id: toolUseId(call.id, context), name: call.function?.name ?? '', input: {} },
      );
      if (fragment !== '') delta({ type: 'input_json_delta', partial_json: fragment });
    }
  };

  const apply = (chunk: ChatCompletionChunk) => {
    if (chunk.usage) usage = chunk.usage;
    const choice = readChunkChoice(chunk);
    if (choice === undefined) return;
    start();
    const change = choice.delta;
    if (change.reasoning_content) thinkingText(change.reasoning_content);
    for (const detail of change.reasoning_details ?? []) claudeDetail(detail);
    if (typeof change.content === 'string' && change.content !== '') text(change.content);
    if (typeof change.refusal === 'string' && change.refusal !== '') {
      refused = true;
      refusalText += change.refusal;
      text(change.refusal);
    }
    if (change.tool_calls) toolCalls(change.tool_calls);
    if (choice.finish_reason !== null) {
      finish = choice.finish_reason;
      close();
    }
  };

  const flush = (): string => {
    const text = out;
    out = '';
    return text;
  };

  return {
    push(chunks) {
      for (const chunk of chunks) apply(chunk);
      return flush();
    },
    end(finalUsage) {
      if (finalUsage !== undefined) usage = finalUsage;
      start();
      close();
      const stopReason = mapStopReason(finish, refused);
      const stopDetails = stopReason === 'refusal' ? { type: 'refusal', category: null, explanation: refused ? refusalText : null } : null;
      emit('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null, stop_details: stopDetails }, usage: convertUsageToAnthropic(usage) });
      emit('message_stop', {});
      return flush();
    },
  };
}
