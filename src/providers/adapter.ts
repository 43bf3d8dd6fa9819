/**
 * The contract every provider adapter fulfils: pure functions from the canonical (OpenAI) request
 * to the upstream's wire format and back. No adapter touches HTTP, config or the store.
 */
import type { ProviderEndpoint } from '../config/config.js';
import type { ChatRequest } from '../core/chat-request.js';
import type { ChatCompletion, ChatCompletionChunk } from '../core/chat-response.js';
import type { GatewayError } from '../core/errors.js';
import type { Usage } from '../core/usage.js';
import type { SseEvent } from '../stream/sse-decoder.js';

export interface UpstreamRequest {
  /** Absolute URL. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface AdapterContext {
  /** The provider's model id for this deployment. */
  upstreamModel: string;
  /** The provider's type (a key of VENDORS), for vendor-specific stream handling. */
  providerType?: string;
  stream: boolean;
  /** Whether the client asked for usage in the stream (`stream_options.include_usage`). */
  includeUsage: boolean;
  /** Unix seconds; injected so tests are deterministic. */
  now: () => number;
  /** Fresh ids (`chatcmpl-…`, `call_…`); injected so tests are deterministic. */
  newId: (prefix: string) => string;
}

export interface StreamConverter {
  /** One decoded upstream SSE event in; zero or more OpenAI chunks out. Throws GatewayError for an in-stream error. */
  push(event: SseEvent): ChatCompletionChunk[];
  /** True once the upstream signalled the end of the answer ([DONE], message_stop, final candidate). */
  readonly done: boolean;
  /** The upstream closed the stream: the closing chunks (finish reason, usage). Throws if the answer was cut off. */
  end(): ChatCompletionChunk[];
  /** Usage seen so far, normalised to OpenAI semantics (partial usage when the stream broke). */
  usage(): Usage | undefined;
}

export interface ProviderAdapter {
  /**
   * The upstream needs image/file bytes inline (Gemini): the pipeline replaces http(s) `image_url`s
   * with data URLs (fetched with a size limit, a timeout and an SSRF guard) before buildRequest.
   */
  readonly inlineRemoteMedia?: boolean;
  buildRequest(request: ChatRequest, endpoint: ProviderEndpoint, context: AdapterContext): UpstreamRequest;
  convertResponse(body: unknown, context: AdapterContext): ChatCompletion;
  createStreamConverter(context: AdapterContext): StreamConverter;
  mapError(status: number, body: string, headers: Readonly<Record<string, string | string[] | undefined>>): GatewayError;
}
