/**
 * What each door (src/doors) brings to the door conformance suite: its codec, a reader of its own
 * response, stream and error shapes (as its official SDK would read them), the grammar its stream
 * must obey, and request cases in its own format with what the canonical request must then say.
 */
import type { ChatRequest } from '../../../src/core/chat-request.js';
import type { FinishReason } from '../../../src/core/chat-response.js';
import type { DoorCodec } from '../../../src/doors/door.js';

/** An answer as a door's client sees it, in canonical terms (finish reasons mapped back to OpenAI's). */
export interface ReadAnswer {
  text: string | null;
  reasoning: string;
  toolCalls: Array<{ id: string; name: string; arguments: unknown }>;
  finish: FinishReason | null;
  usage: { prompt: number; completion: number; cachedRead: number; reasoning: number } | null;
}

export interface RequestCase {
  label: string;
  body: unknown;
  /** Throws (assert) when the canonical request does not carry the body's meaning. */
  check(request: ChatRequest): void;
}

export interface DoorUnderTest<Inbound = unknown> {
  name: string;
  codec: DoorCodec<Inbound>;
  /** A smallest valid request in the door's format. */
  minimalRequest(stream: boolean): unknown;
  readResponse(body: unknown): ReadAnswer;
  readStream(sse: string): ReadAnswer;
  /** Breaches of the door's stream grammar (event order, required fields, numbering); empty when fine. */
  streamViolations(sse: string): string[];
  /** The error's type and message as the door's client reads them; throws if the shape is wrong. */
  readError(body: unknown): { type: string; message: string };
  /** Door-native finish semantics this door cannot express exactly (e.g. none): scenarios to skip. */
  skipScenarios?: readonly string[];
  requestCases: readonly RequestCase[];
  /** Bodies the door must refuse with a 400; `param` when the door names one. */
  invalidRequests: ReadonlyArray<{ label: string; body: unknown; param?: string }>;
}
