/**
 * OpenAI-compatible SSE events → conformant OpenAI chunks (protocols.md A.5 and D): skips Azure's
 * empty prologue, fills `finish_reason: null`/`logprobs: null`, reads reasoning from
 * `reasoning_content ?? reasoning`, keys tool calls by index (DashScope's `id:""` is absent, xAI's
 * one-piece calls are fine), drops xAI's repeated finish chunk, moves usage that rides on the finish
 * chunk (DeepSeek) into OpenAI's trailing `choices: []` chunk, and synthesises a missing finish.
 */
import type { ChatCompletionChunk, ChunkChoice, ChunkDelta, ToolCallDelta } from '../../core/chat-response.js';
import { upstreamError } from '../../core/errors.js';
import type { Usage } from '../../core/usage.js';
import type { SseEvent } from '../../stream/sse-decoder.js';
import { rawChunk } from '../../stream/raw-chunk.js';
import type { AdapterContext, StreamConverter } from '../adapter.js';
import { isConformantVendor } from '../vendors.js';
import { mapFinishReason } from './map-finish-reason.js';
import { mapOpenAICompatibleError } from './map-error.js';
import { normalizeUsage } from './normalize-usage.js';
import { splitContent, upstreamChunkSchema, type UpstreamChunk, type UpstreamToolCall } from './upstream-schema.js';

interface ToolCallState {
  outIndex: number;
  id: string;
  name: string | null;
  /** Argument fragments received before the name (emitted with the name). */
  pending: string;
}

interface ChoiceState {
  started: boolean;
  finished: boolean;
  toolCalls: Map<number, ToolCallState>;
}

export function createOpenAICompatibleStreamConverter(context: AdapterContext): StreamConverter {
  const passthrough = isConformantVendor(context.providerType);
  const choices = new Map<number, ChoiceState>();
  let id: string | null = null;
  let created = 0;
  let model = context.upstreamModel;
  let extras: { system_fingerprint?: string; service_tier?: string } = {};
  let usage: Usage | undefined;
  let done = false;

  const base = () => ({
    id: id ?? '',
    object: 'chat.completion.chunk' as const,
    created,
    model,
    ...extras,
  });

  const stateOf = (index: number): ChoiceState => {
    let state = choices.get(index);
    if (state === undefined) {
      state = { started: false, finished: false, toolCalls: new Map() };
      choices.set(index, state);
    }
    return state;
  };

  function adopt(chunk: UpstreamChunk): void {
    if (id === null) {
      id = chunk.id || context.newId('chatcmpl');
      created = chunk.created || context.now();
    }
    if (chunk.model) model = chunk.model;
    if (chunk.system_fingerprint != null) extras = { ...extras, system_fingerprint: chunk.system_fingerprint };
    if (chunk.service_tier != null) extras = { ...extras, service_tier: chunk.service_tier };
  }

  function convertToolCalls(state: ChoiceState, calls: UpstreamToolCall[]): ToolCallDelta[] {
    const out: ToolCallDelta[] = [];
    calls.forEach((call, position) => {
      const key = call.index ?? position;
      const fragment = call.function?.arguments ?? '';
      let tool = state.toolCalls.get(key);
      if (tool === undefined) {
        tool = { outIndex: state.toolCalls.size, id: call.id || context.newId('call'), name: null, pending: '' };
        state.toolCalls.set(key, tool);
      }
      if (tool.name === null) {
        const name = call.function?.name;
        if (!name) {
          tool.pending += fragment;
          return;
        }
        tool.name = name;
        // OpenAI announces a call with `arguments: ""` and sends the arguments after (protocols.md A.5),
        // even when the vendor sent the whole call in one piece (xAI).
        out.push({ index: tool.outIndex, id: tool.id, type: 'function', function: { name, arguments: '' } });
        const pending = tool.pending + fragment;
        if (pending !== '') out.push({ index: tool.outIndex, function: { arguments: pending } });
        tool.pending = '';
        return;
      }
      if (fragment !== '') out.push({ index: tool.outIndex, function: { arguments: fragment } });
    });
    return out;
  }

  function convertChoice(choice: NonNullable<UpstreamChunk['choices']>[number], position: number): ChunkChoice | null {
    const index = choice.index ?? position;
    const state = stateOf(index);
    if (state.finished) return null; // xAI repeats the finish chunk
    const upstreamDelta = choice.delta ?? {};
    const delta: ChunkDelta = {};
    if (!state.started) delta.role = 'assistant';
    const { text, reasoning: inlineReasoning } = splitContent(upstreamDelta.content);
    if (text !== null && (text !== '' || !state.started)) delta.content = text;
    if (upstreamDelta.refusal != null) delta.refusal = upstreamDelta.refusal;
    const reasoning = upstreamDelta.reasoning_content || upstreamDelta.reasoning || inlineReasoning;
    if (reasoning) delta.reasoning_content = reasoning;
    const toolCalls = convertToolCalls(state, upstreamDelta.tool_calls ?? []);
    if (toolCalls.length > 0) delta.tool_calls = toolCalls;

    const finish = choice.finish_reason ? mapFinishReason(choice.finish_reason, state.toolCalls.size > 0) : null;
    if (finish !== null) state.finished = true;
    const empty = delta.content === undefined && delta.refusal === undefined && !delta.reasoning_content && !delta.tool_calls;
    if (empty && finish === null && (state.started || delta.role === undefined)) return null;
    if (empty && finish === null && !state.started && delta.content === undefined) delta.content = '';
    state.started = true;
    return { index, delta, logprobs: choice.logprobs ?? null, finish_reason: finish };
  }

  return {
    get done() {
      return done;
    },

    push(event: SseEvent): ChatCompletionChunk[] {
      const data = event.data.trim();
      if (data === '[DONE]') {
        done = true;
        return [];
      }
      if (data === '') return [];
      if (passthrough && id !== null && isPlainDelta(data) && choices.get(0)?.started === true) {
        return [rawChunk(data, { id, created, model })];
      }
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        throw upstreamError('The upstream sent a stream event that is not valid JSON.');
      }
      const parsed = upstreamChunkSchema.safeParse(json);
      if (!parsed.success) throw upstreamError('The upstream sent a stream event that is not a chat completion chunk.');
      const chunk = parsed.data;
      if (chunk.error !== undefined && chunk.error !== null) {
        throw mapOpenAICompatibleError(500, JSON.stringify({ error: chunk.error }), {});
      }
      const chunkUsage = normalizeUsage(chunk.usage ?? chunk.x_groq?.usage);
      if (chunkUsage !== undefined) usage = chunkUsage;
      const upstreamChoices = chunk.choices ?? [];
      if (upstreamChoices.length === 0) return [];
      adopt(chunk);
      const out: ChunkChoice[] = [];
      upstreamChoices.forEach((choice, position) => {
        const converted = convertChoice(choice, position);
        if (converted !== null) out.push(converted);
      });
      if (out.length === 0) return [];
      return [{ ...base(), choices: out }];
    },

    end(): ChatCompletionChunk[] {
      const unfinished = [...choices.entries()].filter(([, state]) => !state.finished);
      if (choices.size === 0 && !done) {
        throw upstreamError('The upstream closed the stream before sending an answer.');
      }
      if (unfinished.length > 0 && !done) {
        throw upstreamError('The upstream closed the stream before the answer was complete.');
      }
      const out: ChatCompletionChunk[] = [];
      if (id === null) adopt({ id: null, created: null, model: null });
      if (unfinished.length > 0 || choices.size === 0) {
        const closing: ChunkChoice[] = (unfinished.length > 0 ? unfinished : [[0, stateOf(0)] as const]).map(([index, state]) => {
          state.finished = true;
          const delta: ChunkDelta = state.started ? {} : { role: 'assistant', content: '' };
          state.started = true;
          return { index, delta, logprobs: null, finish_reason: mapFinishReason(null, state.toolCalls.size > 0) };
        });
        out.push({ ...base(), choices: closing });
      }
      if (context.includeUsage && usage !== undefined) out.push({ ...base(), choices: [], usage });
      return out;
    },

    usage: () => usage,
  };
}

/**
 * A conformant upstream's ordinary delta for the single choice 0: no finish reason, no usage, no
 * tool calls, no error. Such a chunk is already what OpenAI sends, so it is forwarded untouched.
 */
function isPlainDelta(data: string): boolean {
  return (
    data.includes('"choices":[{"index":0,') &&
    !data.includes('},{"index":') &&
    data.includes('"finish_reason":null') &&
    !data.includes('"usage":{') &&
    !data.includes('"tool_calls"') &&
    !data.includes('"error"')
  );
}
