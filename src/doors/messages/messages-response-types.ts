/**
 * What the Messages door sends back: Anthropic's `Message`, its content blocks, usage and stream
 * events (https://docs.claude.com/en/api/messages, .../messages-streaming; anthropic-sdk-typescript
 * `Message`, `RawMessageStreamEvent`), limited to the fields a translated answer can fill.
 */

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal';

export interface MessagesUsage {
  /** Input tokens that were neither read from nor written to the prompt cache. */
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens_details?: { thinking_tokens: number };
}

export type OutputBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'text'; text: string; citations: null }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export interface StopDetails {
  type: 'refusal';
  category: null;
  explanation: string | null;
}

export interface MessagesResponse {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: OutputBlock[];
  stop_reason: StopReason;
  stop_sequence: null;
  stop_details: StopDetails | null;
  usage: MessagesUsage;
}
