/**
 * An inbound codec ("door"): one public API a client may speak (OpenAI Chat Completions, Anthropic
 * Messages, OpenAI Responses) turned into the canonical request the rest of the pipeline works on,
 * and the canonical answer turned back into that API's response, stream and error shapes. Provider
 * adapters (src/providers) are the other side: canonical → upstream wire. When a deployment speaks
 * the door's own wire format, `native` lets the call through untranslated (only the model rewritten).
 * A door is pure functions plus small stateful stream encoders; it never touches HTTP or the store.
 */
import type { ProviderEndpoint } from '../config/config.js';
import type { ChatRequest } from '../core/chat-request.js';
import type { ChatCompletion, ChatCompletionChunk } from '../core/chat-response.js';
import type { Door } from '../core/door.js';
import type { GatewayError } from '../core/errors.js';
import type { Usage } from '../core/usage.js';
import type { UpstreamRequest } from '../providers/adapter.js';
import type { SseEvent } from '../stream/sse-decoder.js';

export interface Decoded<Inbound> {
  /** The canonical request: what resolution, limits, routing and the adapters see. */
  request: ChatRequest;
  /** The door's own validated request, for encoding the answer and for native passthrough. */
  inbound: Inbound;
}

/** Ids and clock, injected so encoders are deterministic under test. */
export interface DoorContext {
  now: () => number;
  newId: (prefix: string) => string;
}

/** Canonical chunks in, the door's SSE text out; one per streamed call. */
export interface DoorStreamEncoder {
  /** Text to send for these chunks (may be empty while the encoder waits for more). */
  push(chunks: readonly ChatCompletionChunk[]): string;
  /** The stream is complete: the closing events, with the call's final usage. */
  end(usage: Usage | undefined): string;
  /** The stream failed after it started: the error event(s) in the stream's own numbering; `streamError` otherwise. */
  fail?(error: GatewayError): string;
}

/** Reads a native (untranslated) stream as it passes through: usage, the end, in-stream errors. */
export interface NativeStreamScanner {
  /** Throws a GatewayError for an error event. */
  push(event: SseEvent): void;
  /** True once the upstream signalled the end of the answer. */
  readonly done: boolean;
  usage(): Usage | undefined;
  /** Characters of generated text seen (estimates usage when the client leaves early). */
  readonly textLength: number;
}

export interface NativeContext {
  upstreamModel: string;
  stream: boolean;
  /** The client's request headers (e.g. anthropic-beta / anthropic-version to forward as sent). */
  clientHeaders: Readonly<Record<string, string | string[] | undefined>>;
  /** The client's query string without `?` (e.g. `beta=true`, which Anthropic's beta SDK paths add). */
  clientQuery?: string;
}

/** The door's wire spoken natively by some deployments: the call goes through with the model rewritten. */
export interface NativeWire<Inbound> {
  accepts(endpoint: ProviderEndpoint): boolean;
  buildRequest(inbound: Inbound, endpoint: ProviderEndpoint, context: NativeContext): UpstreamRequest;
  mapError(status: number, body: string, headers: Readonly<Record<string, string | string[] | undefined>>): GatewayError;
  /** Usage of a non-streamed answer, normalised to OpenAI semantics (prompt includes cache reads/writes). */
  usageOf(body: unknown): Usage | undefined;
  createStreamScanner(): NativeStreamScanner;
  /** The non-streamed answer as the client gets it (e.g. naming the model it asked for); absent: as it came. */
  rewriteAnswer?(json: string, inbound: Inbound, upstreamModel: string): string;
  /** The same for a stream: a byte transform (the identity once its first event passed); null when nothing changes. */
  rewriteStream?(inbound: Inbound, upstreamModel: string): ((bytes: Uint8Array) => Uint8Array) | null;
}

export interface DoorCodec<Inbound> {
  readonly name: Door;
  /** Validates the body (a 400 GatewayError naming `param` when it is wrong). */
  decode(body: unknown): Decoded<Inbound>;
  encodeResponse(completion: ChatCompletion, inbound: Inbound, context: DoorContext): unknown;
  createStreamEncoder(inbound: Inbound, context: DoorContext): DoorStreamEncoder;
  /** The door's error body for an HTTP error answer. */
  errorBody(error: GatewayError): unknown;
  /** The door's error event after its stream has started. */
  streamError(error: GatewayError): string;
  readonly native?: NativeWire<Inbound>;
  /**
   * The door's wire is the canonical one (the chat door: completions as they are, streams as the
   * canonical chunks framed as OpenAI SSE): an upstream that answers exactly so is sent on as it came.
   */
  readonly canonicalWire?: boolean;
  /**
   * Throws a 400 (`unsupported_parameter`) when the request says something the canonical request
   * cannot carry, so it can only be honoured natively; called before an attempt is translated.
   */
  assertTranslatable?(inbound: Inbound): void;
}
