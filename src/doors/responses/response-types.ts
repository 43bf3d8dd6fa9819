/**
 * The parts of the OpenAI Responses API's `Response` object (openai-node v6,
 * src/resources/responses/responses.ts; https://platform.openai.com/docs/api-reference/responses/object)
 * that the gateway writes. Kept here rather than imported so src/ does not depend on the SDK;
 * response-types.test.ts checks they stay assignable to the SDK's own types.
 */

export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export interface OutputTextPart {
  type: 'output_text';
  text: string;
  annotations: [];
  logprobs: [];
}

export interface RefusalPart {
  type: 'refusal';
  refusal: string;
}

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

export interface ReasoningItem {
  id: string;
  type: 'reasoning';
  summary: Array<{ type: 'summary_text'; text: string }>;
  /** Present only when the provider signed its reasoning (see reasoning-carrier.ts). */
  encrypted_content?: string;
  status?: ItemStatus;
}

export interface MessageItem {
  id: string;
  type: 'message';
  role: 'assistant';
  status: ItemStatus;
  content: Array<OutputTextPart | RefusalPart>;
}

export interface FunctionCallItem {
  id: string;
  type: 'function_call';
  status: ItemStatus;
  call_id: string;
  name: string;
  /** The namespace tool the function belongs to (Codex's `namespace` tools). */
  namespace?: string;
  arguments: string;
}

export type OutputItem = ReasoningItem | MessageItem | FunctionCallItem;

export type ResponseStatus = 'completed' | 'incomplete' | 'in_progress' | 'failed';

export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponseStatus;
  completed_at: number | null;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  model: string;
  output: OutputItem[];
  output_text: string;
  usage?: ResponseUsage;
  /** The echo of the request (the SDK's `Response` requires these). */
  instructions: string | null;
  tools: unknown[];
  tool_choice: unknown;
  parallel_tool_calls: boolean;
  temperature: number | null;
  top_p: number | null;
  max_output_tokens: number | null;
  previous_response_id: null;
  reasoning: { effort: string | null; summary: string | null };
  text: { format: unknown; verbosity?: string | null };
  truncation: 'auto' | 'disabled';
  metadata: Record<string, string>;
  store: boolean;
  background: boolean;
  user?: string;
  safety_identifier?: string;
  prompt_cache_key?: string;
  service_tier?: string;
}
