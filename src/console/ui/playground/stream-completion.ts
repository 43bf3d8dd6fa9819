/**
 * One streamed chat completion through the gateway, sent the way an OpenAI client sends it: fetch()
 * with a stream reader and the SSE parser, `stream_options.include_usage` for the token counts.
 * Errors before the stream starts arrive as an HTTP error envelope; after it starts, as one
 * `data: {"error": …}` event (design.md §4) — both become an ApiError with the gateway's message.
 */
import { ApiError, envelopeError, type ApiClient } from '../api-client.js';
import { SseParser } from '../parse-sse.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  model: string;
  messages: ChatMessage[];
  temperature: number | null;
  maxTokens: number | null;
}

export interface StreamDelta {
  content: string;
  reasoning: string;
}

export interface StreamOutcome {
  /** x-request-id: the key to the usage record (cost, latency) once it is written. */
  requestId: string | null;
  /** The deployment that answered (x-switchyard-provider / x-switchyard-model). */
  provider: string | null;
  upstreamModel: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  finishReason: string | null;
  firstTokenMs: number | null;
  totalMs: number;
}

export async function streamCompletion(api: ApiClient, request: CompletionRequest, signal: AbortSignal, onDelta: (delta: StreamDelta) => void): Promise<StreamOutcome> {
  const started = performance.now();
  const body: Record<string, unknown> = { model: request.model, messages: request.messages, stream: true, stream_options: { include_usage: true } };
  if (request.temperature !== null) body.temperature = request.temperature;
  if (request.maxTokens !== null) body.max_tokens = request.maxTokens;
  const response = await api.fetch('/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
  const outcome: StreamOutcome = {
    requestId: response.headers.get('x-request-id'),
    provider: response.headers.get('x-switchyard-provider'),
    upstreamModel: response.headers.get('x-switchyard-model'),
    promptTokens: null,
    completionTokens: null,
    finishReason: null,
    firstTokenMs: null,
    totalMs: 0,
  };
  const reader = response.body?.getReader();
  if (reader === undefined) throw new ApiError('The gateway sent no stream.', response.status);
  const decoder = new TextDecoder();
  const parser = new SseParser();
  let done = false;
  while (!done) {
    const chunk = await reader.read();
    if (chunk.done) break;
    for (const data of parser.push(decoder.decode(chunk.value, { stream: true }))) {
      if (data === '[DONE]') {
        done = true;
        break;
      }
      const delta = readChunk(JSON.parse(data), outcome);
      if (delta.content !== '' || delta.reasoning !== '') {
        outcome.firstTokenMs ??= performance.now() - started;
        onDelta(delta);
      }
    }
  }
  if (done) await reader.cancel().catch(() => undefined);
  outcome.totalMs = performance.now() - started;
  return outcome;
}

/** Takes what the console shows from one chunk; records usage and finish reason in `outcome`. */
function readChunk(chunk: unknown, outcome: StreamOutcome): StreamDelta {
  const error = envelopeError(chunk);
  if (error !== null) throw new ApiError(error.message, 200, error.code);
  const delta: StreamDelta = { content: '', reasoning: '' };
  if (typeof chunk !== 'object' || chunk === null) return delta;
  if ('usage' in chunk && typeof chunk.usage === 'object' && chunk.usage !== null) {
    const usage = chunk.usage;
    if ('prompt_tokens' in usage && typeof usage.prompt_tokens === 'number') outcome.promptTokens = usage.prompt_tokens;
    if ('completion_tokens' in usage && typeof usage.completion_tokens === 'number') outcome.completionTokens = usage.completion_tokens;
  }
  const choice = 'choices' in chunk && Array.isArray(chunk.choices) ? (chunk.choices as unknown[])[0] : undefined;
  if (typeof choice !== 'object' || choice === null) return delta;
  if ('finish_reason' in choice && typeof choice.finish_reason === 'string') outcome.finishReason = choice.finish_reason;
  if (!('delta' in choice) || typeof choice.delta !== 'object' || choice.delta === null) return delta;
  const fields = choice.delta;
  if ('content' in fields && typeof fields.content === 'string') delta.content = fields.content;
  if ('reasoning_content' in fields && typeof fields.reasoning_content === 'string') delta.reasoning = fields.reasoning_content;
  return delta;
}
