import type { Principal } from '../auth/principal.js';
import type { ChatRequest } from '../core/chat-request.js';
import type { DoorCodec } from '../doors/door.js';
import type { ResolvedModel } from '../routing/resolve-model.js';
import type { AdmissionTicket } from './admission.js';
import type { CallSignal } from '../core/call-signal.js';

/** One client call as the chat service sees it. */
export interface ChatCall {
  requestId: string;
  principal: Principal;
  /** Aborts when the client goes away. */
  signal: CallSignal;
  /** performance.now() when the request arrived. */
  startedAt: number;
  /** The client's request headers (native passthrough forwards a few, e.g. anthropic-beta). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The client's query string without `?` (native passthrough forwards e.g. Anthropic's `beta=true`). */
  query?: string;
}

/** The door a call came in by, with its own decoded request. */
export interface DoorCall<Inbound = unknown> {
  codec: DoorCodec<Inbound>;
  inbound: Inbound;
}

/** A validated request with its model resolved and its limits admitted. */
export interface PreparedChat<Inbound = unknown> {
  request: ChatRequest;
  model: ResolvedModel;
  ticket: AdmissionTicket;
  door: DoorCall<Inbound>;
}

/** Where a streamed answer goes: the HTTP layer implements it over the raw response. */
export interface StreamSink {
  /** Sends status 200 and the headers; called once, just before the first bytes. */
  start(headers: Record<string, string>): void;
  /** Writes SSE text (or a native stream's bytes); resolves when the client can take more (backpressure). */
  write(data: string | Uint8Array): Promise<void>;
  end(): void;
}
