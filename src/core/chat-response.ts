/**
 * The outbound contract: OpenAI `ChatCompletion` and `ChatCompletionChunk` as published in
 * openai/openai-openapi. Every adapter produces exactly these shapes.
 */
import type { ToolCall } from './chat-request.js';
import type { ReasoningDetail } from './reasoning-details.js';
import type { Usage } from './usage.js';

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface AssistantOutputMessage {
  role: 'assistant';
  content: string | null;
  refusal: string | null;
  tool_calls?: ToolCall[];
  annotations?: unknown[];
  /** Provider reasoning (DeepSeek, Ark, Anthropic thinking, Gemini thoughts). */
  reasoning_content?: string;
  /** Signed reasoning to send back on the next turn (see reasoning-details.ts). */
  reasoning_details?: ReasoningDetail[];
  [extra: string]: unknown;
}

export interface ChatChoice {
  index: number;
  message: AssistantOutputMessage;
  logprobs: unknown;
  finish_reason: FinishReason;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: ChatChoice[];
  usage?: Usage;
  system_fingerprint?: string | null;
  service_tier?: string | null;
  [extra: string]: unknown;
}

export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export interface ChunkDelta {
  role?: 'assistant';
  content?: string | null;
  refusal?: string | null;
  reasoning_content?: string;
  reasoning_details?: ReasoningDetail[];
  tool_calls?: ToolCallDelta[];
  [extra: string]: unknown;
}

export interface ChunkChoice {
  index: number;
  delta: ChunkDelta;
  logprobs: unknown;
  finish_reason: FinishReason | null;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: ChunkChoice[];
  usage?: Usage | null;
  system_fingerprint?: string | null;
  service_tier?: string | null;
  [extra: string]: unknown;
}
