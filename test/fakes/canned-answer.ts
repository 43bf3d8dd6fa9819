/**
 * A provider-neutral description of one model answer. Each provider's wire writer renders it in that
 * provider's exact format (non-streamed body and SSE stream); the fake upstream servers serve it and
 * the adapter conformance suite checks that every adapter turns it back into the same OpenAI answer.
 */
export interface CannedToolCall {
  name: string;
  arguments: Record<string, unknown>;
  /** Provider id to use (optional; writers invent a stable one otherwise). */
  id?: string;
}

export interface CannedAnswer {
  text?: string;
  reasoning?: string;
  toolCalls?: CannedToolCall[];
  finish: 'stop' | 'length' | 'tool_calls' | 'content_filter';
  usage: { prompt: number; completion: number; cachedRead?: number; cacheWrite?: number; reasoning?: number };
}

export interface WireWriter {
  /** Adapter kind this writer speaks: 'openai-compatible' | 'anthropic' | 'gemini'. */
  readonly kind: string;
  /** The non-streamed response body. */
  completion(answer: CannedAnswer, model: string): unknown;
  /** The SSE events of the streamed response, each a complete `event:`/`data:` block ending in a blank line. */
  stream(answer: CannedAnswer, model: string): string[];
  /** A provider-shaped error body for the status. */
  error(status: number, message: string): unknown;
}
