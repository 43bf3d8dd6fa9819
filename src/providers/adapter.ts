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

/**
 * A stream whose upstream events already are the canonical chunks, sent on as bytes (no decode, no
 * re-encode) to a door whose wire is the canonical one (the chat door).
 */
export interface StreamPassthrough {
  /** Upstream bytes in; the bytes to send: whole events only, usage the client did not ask for held back. Throws GatewayError for an in-stream error. */
  push(bytes: Uint8Array): Uint8Array;
  /** The upstream closed the stream: what is left to send (the end marker if it never came). Throws if the answer was cut off. */
  end(): Uint8Array;
  /** Whole events seen so far. */
  readonly events: number;
  /** True once the upstream signalled the end of the answer. */
  readonly done: boolean;
  usage(): Usage | undefined;
  /** Characters of generated text seen (estimates usage when the stream breaks). */
  readonly textLength: number;
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
  /** For a door that speaks the canonical stream: the upstream's bytes as they are, when this deployment's are conformant; else null. */
  createStreamPassthrough?(context: AdapterContext): StreamPassthrough | null;
  /**
   * For a door that speaks the canonical wire: the usage of an answer that may be sent on as its own
   * text (this deployment's answers are conformant and the scan could read it); else null, and the
   * answer is parsed and converted.
   */
  passAnswerThrough?(text: string, context: AdapterContext): { usage: Usage } | null;
  mapError(status: number, body: string, headers: Readonly<Record<string, string | string[] | undefined>>): GatewayError;
}
