/**
 * The `Response` object around some output: ids, status, and the echo of the request that the
 * Responses API returns (https://platform.openai.com/docs/api-reference/responses/object). Every
 * field the SDK's `Response` type requires is always present, with OpenAI's defaults when the
 * request left it out. `store` is always false: the gateway keeps nothing.
 */
import type { FinishReason } from '../../core/chat-response.js';
import type { Usage } from '../../core/usage.js';
import type { DoorContext } from '../door.js';
import { toResponseUsage } from './map-usage.js';
import type { OutputItem, ResponseObject, ResponseStatus } from './response-types.js';
import type { ResponsesInbound } from './responses-inbound.js';

/** One response's id and the ids of its output items, stable across a stream's events. */
export interface ResponseIds {
  response: string;
  item(prefix: 'rs' | 'msg' | 'fc', outputIndex: number): string;
}

export function responseIds(context: DoorContext): ResponseIds {
  const suffix = context.newId('resp').replace(/^resp[-_]?/, '');
  return { response: `resp_${suffix}`, item: (prefix, outputIndex) => `${prefix}_${suffix}_${outputIndex}` };
}

export interface ResponseState {
  status: ResponseStatus;
  incompleteReason: 'max_output_tokens' | 'content_filter' | null;
}

/** finish_reason → status: `length` and `content_filter` end a response as incomplete. */
export function stateOf(finish: FinishReason | null): ResponseState {
  if (finish === 'length') return { status: 'incomplete', incompleteReason: 'max_output_tokens' };
  if (finish === 'content_filter') return { status: 'incomplete', incompleteReason: 'content_filter' };
  return { status: 'completed', incompleteReason: null };
}

export interface ResponseParts {
  id: string;
  createdAt: number;
  model: string;
  state: ResponseState | { status: 'in_progress'; incompleteReason: null };
  output: OutputItem[];
  usage: Usage | undefined;
  completedAt: number | null;
}

export function buildResponse(inbound: ResponsesInbound, parts: ResponseParts): ResponseObject {
  const { body } = inbound;
  const response: ResponseObject = {
    id: parts.id,
    object: 'response',
    created_at: parts.createdAt,
    status: parts.state.status,
    completed_at: parts.completedAt,
    error: null,
    incomplete_details: parts.state.incompleteReason === null ? null : { reason: parts.state.incompleteReason },
    model: parts.model,
    output: parts.output,
    output_text: outputText(parts.output),
    instructions: body.instructions ?? null,
    tools: body.tools ?? [],
    tool_choice: body.tool_choice ?? 'auto',
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    temperature: body.temperature ?? 1,
    top_p: body.top_p ?? 1,
    max_output_tokens: body.max_output_tokens ?? null,
    previous_response_id: null,
    reasoning: { effort: body.reasoning?.effort ?? null, summary: body.reasoning?.summary ?? null },
    text: { format: body.text?.format ?? { type: 'text' }, verbosity: body.text?.verbosity ?? 'medium' },
    truncation: body.truncation ?? 'disabled',
    metadata: body.metadata ?? {},
    store: false,
    background: false,
  };
  if (parts.usage !== undefined) response.usage = toResponseUsage(parts.usage);
  if (body.user !== undefined) response.user = body.user;
  if (body.safety_identifier !== undefined) response.safety_identifier = body.safety_identifier;
  if (body.prompt_cache_key !== undefined) response.prompt_cache_key = body.prompt_cache_key;
  return response;
}

/** The SDK's convenience field: every output_text part of every message, in order. */
function outputText(output: readonly OutputItem[]): string {
  let text = '';
  for (const item of output) {
    if (item.type !== 'message') continue;
    for (const part of item.content) if (part.type === 'output_text') text += part.text;
  }
  return text;
}
