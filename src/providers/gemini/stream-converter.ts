/**
 * Gemini `streamGenerateContent?alt=sse` events → OpenAI chunks (protocols.md C.5, E.6). Every event
 * is a partial GenerateContentResponse: text parts are increments; a functionCall arrives whole and
 * goes out the way OpenAI streams calls (protocols.md A.5): a first delta with id, type, name and
 * `arguments: ""`, then a chunk with the complete arguments; `usageMetadata` is a running total (the
 * last one wins), and the candidate with `finishReason` ends its choice. Gemini sends no [DONE]: a
 * stream that closes before every started candidate finished was cut off, and end() says so.
 */
import type { ChatCompletionChunk, ChunkChoice, ChunkDelta } from '../../core/chat-response.js';
import { upstreamError } from '../../core/errors.js';
import type { Usage } from '../../core/usage.js';
import type { SseEvent } from '../../stream/sse-decoder.js';
import type { AdapterContext, StreamConverter } from '../adapter.js';
import { convertCandidateParts, type PartCounters } from './convert-candidate-parts.js';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import { convertLogprobs } from './convert-logprobs.js';
import { mapGeminiErrorPayload } from './map-error.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { isPlainGeminiResponse } from './plain-response.js';
import { geminiResponseSchema, type GeminiCandidate, type GeminiResponse } from './upstream-schema.js';

interface CandidateState {
  started: boolean;
  finished: boolean;
  sawToolCall: boolean;
  counters: PartCounters;
}

export function createGeminiStreamConverter(context: AdapterContext): StreamConverter {
  const candidates = new Map<number, CandidateState>();
  let id: string | null = null;
  let created = 0;
  let model = context.upstreamModel;
  let usage: Usage | undefined;
  let blocked = false;

  const chunk = (choices: ChunkChoice[]): ChatCompletionChunk => ({ id: id ?? '', object: 'chat.completion.chunk', created, model, choices });
  const isDone = (): boolean => blocked || (candidates.size > 0 && [...candidates.values()].every((state) => state.finished));

  function adopt(response: GeminiResponse): void {
    if (id !== null) return;
    id = response.responseId ? `chatcmpl-${response.responseId}` : context.newId('chatcmpl');
    created = context.now();
    if (response.modelVersion) model = response.modelVersion;
  }

  function stateOf(index: number): CandidateState {
    let state = candidates.get(index);
    if (state === undefined) {
      state = { started: false, finished: false, sawToolCall: false, counters: { toolCalls: 0, details: 0 } };
      candidates.set(index, state);
    }
    return state;
  }

  function convertCandidate(candidate: GeminiCandidate, index: number, deltas: ChunkChoice[], argumentDeltas: ChunkChoice[], finishes: ChunkChoice[]): void {
    const state = stateOf(index);
    if (state.finished) return;
    const firstToolIndex = state.counters.toolCalls;
    const converted = convertCandidateParts(candidate.content?.parts ?? [], state.counters, context.newId);
    const delta: ChunkDelta = {};
    if (!state.started) delta.role = 'assistant';
    if (converted.text !== '') delta.content = converted.text;
    if (converted.reasoning !== '') delta.reasoning_content = converted.reasoning;
    if (converted.toolCalls.length > 0) {
      state.sawToolCall = true;
      delta.tool_calls = converted.toolCalls.map((call, offset) => ({
        index: firstToolIndex + offset,
        id: call.id,
        type: 'function',
        function: { name: call.function.name, arguments: '' },
      }));
      const fragments = converted.toolCalls.map((call, offset) => ({ index: firstToolIndex + offset, function: { arguments: call.function.arguments } }));
      argumentDeltas.push({ index, delta: { tool_calls: fragments }, logprobs: null, finish_reason: null });
    }
    if (converted.reasoningDetails.length > 0) delta.reasoning_details = converted.reasoningDetails;
    const hasPayload = Object.keys(delta).some((key) => key !== 'role');
    if (hasPayload || !state.started) {
      if (!hasPayload) delta.content = '';
      deltas.push({ index, delta, logprobs: convertLogprobs(candidate.logprobsResult), finish_reason: null });
      state.started = true;
    }
    if (candidate.finishReason) {
      state.finished = true;
      finishes.push({ index, delta: {}, logprobs: null, finish_reason: mapGeminiFinishReason(candidate.finishReason, state.sawToolCall) });
    }
  }

  function convertEvent(json: unknown): ChatCompletionChunk[] {
    if (typeof json === 'object' && json !== null && 'error' in json) throw mapGeminiErrorPayload(json);
    const response = isPlainGeminiResponse(json) ? json : parseEvent(json);
    usage = convertGeminiUsage(response.usageMetadata) ?? usage;
    const list = response.candidates ?? [];
    if (list.length === 0) {
      if (!response.promptFeedback?.blockReason || candidates.size > 0 || blocked) return [];
      adopt(response);
      blocked = true;
      return [
        chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]),
        chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'content_filter' }]),
      ];
    }
    adopt(response);
    const deltas: ChunkChoice[] = [];
    const argumentDeltas: ChunkChoice[] = [];
    const finishes: ChunkChoice[] = [];
    list.forEach((candidate, position) => convertCandidate(candidate, candidate.index ?? position, deltas, argumentDeltas, finishes));
    const out: ChatCompletionChunk[] = [];
    if (deltas.length > 0) out.push(chunk(deltas));
    if (argumentDeltas.length > 0) out.push(chunk(argumentDeltas));
    if (finishes.length > 0) out.push(chunk(finishes));
    return out;
  }

  return {
    get done() {
      return isDone();
    },

    push(event: SseEvent): ChatCompletionChunk[] {
      const data = event.data.trim();
      if (data === '') return [];
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        throw upstreamError('Gemini sent a stream event that is not valid JSON.');
      }
      // Errors are sometimes framed as a one-element array (`[{"error":…}]`).
      return (Array.isArray(json) ? json : [json]).flatMap(convertEvent);
    },

    end(): ChatCompletionChunk[] {
      if (!isDone()) {
        throw upstreamError(
          candidates.size === 0
            ? 'Gemini closed the stream before sending an answer.'
            : 'Gemini closed the stream before the answer was complete (no finishReason).',
        );
      }
      return context.includeUsage && usage !== undefined ? [{ ...chunk([]), usage }] : [];
    },

    usage: () => usage,
  };
}

function parseEvent(json: unknown): GeminiResponse {
  const parsed = geminiResponseSchema.safeParse(json);
  if (!parsed.success) throw upstreamError('Gemini sent a stream event that is not a GenerateContentResponse.');
  return parsed.data;
}
