import type { Principal } from '../auth/principal.js';
import type { ChatRequest } from '../core/chat-request.js';
import type { ResolvedModel } from '../routing/resolve-model.js';
import type { AdmissionTicket } from './admission.js';

/** One client call as the chat service sees it. */
export interface ChatCall {
  requestId: string;
  principal: Principal;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  /** performance.now() when the request arrived. */
  startedAt: number;
}

/** A validated request with its model resolved and its limits admitted. */
export interface PreparedChat {
  request: ChatRequest;
  model: ResolvedModel;
  ticket: AdmissionTicket;
}

/** Where a streamed answer goes: the HTTP layer implements it over the raw response. */
export interface StreamSink {
  /** Sends status 200 and the headers; called once, just before the first chunk. */
  start(headers: Record<string, string>): void;
  /** Writes SSE text; resolves when the client can take more (backpressure). */
  write(text: string): Promise<void>;
  end(): void;
}
