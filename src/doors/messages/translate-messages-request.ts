/**
 * A validated Messages request → the canonical request (OpenAI Chat Completions) that resolution,
 * limits, routing and every adapter work on, with the list of what it could not carry.
 *
 * Carried: `system` → a leading system message; messages (convert-messages-content.ts); tools
 * (convert-messages-tools.ts); thinking / effort (map-thinking.ts); `max_tokens`; `stop_sequences`
 * → `stop`; `temperature`, `top_p`; `metadata.user_id` → `user`; `output_config.format` →
 * `response_format` json_schema (strict, as Anthropic's structured outputs are); `stream`, with
 * `stream_options.include_usage` so translated streams always end with their usage.
 * Refused when translating (they change the answer): `top_k` (no OpenAI equivalent), more than 4
 * `stop_sequences` (OpenAI's limit), `max_tokens: 0` (Anthropic's cache pre-warm), `mcp_servers`.
 * Dropped when translating (they do not change what the model writes): `cache_control` (top level
 * and on blocks), `context_management`, `container`, `service_tier`, `speed`, `inference_geo`,
 * `diagnostics`, `user_profile_id`, `workspace_id`, and top-level fields this door does not know.
 */
import type { ChatRequest } from '../../core/chat-request.js';
import { convertMessages, systemMessage } from './convert-messages-content.js';
import { convertMessagesTools } from './convert-messages-tools.js';
import { mapThinking } from './map-thinking.js';
import type { MessagesRequest } from './messages-request-schema.js';
import { Refusals, type TranslationRefusal } from './translation-refusals.js';

/** OpenAI accepts up to four stop sequences (https://platform.openai.com/docs/api-reference/chat/create#chat-create-stop). */
const MAX_STOP_SEQUENCES = 4;

export interface Translation {
  request: ChatRequest;
  refusals: TranslationRefusal[];
}

export function translateMessagesRequest(inbound: MessagesRequest, raw: Readonly<Record<string, unknown>>): Translation {
  const refusals = new Refusals();
  const system = inbound.system === undefined ? null : systemMessage(inbound.system);
  const request: ChatRequest = {
    model: inbound.model,
    messages: [...(system === null ? [] : [system]), ...convertMessages(inbound.messages, refusals)],
    ...convertMessagesTools(inbound, refusals),
  };

  if (inbound.max_tokens > 0) request.max_tokens = inbound.max_tokens;
  else refusals.add('max_tokens', 'max_tokens 0 (prompt-cache pre-warming) has no equivalent in other providers.');

  const stops = inbound.stop_sequences ?? [];
  if (stops.length > MAX_STOP_SEQUENCES) {
    refusals.add('stop_sequences', `Other providers accept at most ${MAX_STOP_SEQUENCES} stop sequences; this request has ${stops.length}.`);
  } else if (stops.length > 0) {
    request.stop = [...stops];
  }

  if (inbound.temperature !== undefined) request.temperature = inbound.temperature;
  if (inbound.top_p !== undefined) request.top_p = inbound.top_p;
  if (inbound.top_k !== undefined) refusals.add('top_k', 'top_k has no equivalent in the OpenAI format.');
  if (raw.mcp_servers !== undefined && raw.mcp_servers !== null) {
    refusals.add('mcp_servers', 'MCP servers are connected by Anthropic\u2019s API; other providers cannot call them.');
  }

  const effort = mapThinking(inbound.thinking, inbound.output_config, refusals);
  if (effort !== undefined) request.reasoning_effort = effort;
  const format = inbound.output_config?.format;
  if (format != null) {
    request.response_format = { type: 'json_schema', json_schema: { name: 'response', schema: format.schema, strict: true } };
  }

  const userId = inbound.metadata?.user_id;
  if (typeof userId === 'string' && userId !== '') request.user = userId;
  if (inbound.stream === true) {
    request.stream = true;
    request.stream_options = { include_usage: true };
  }
  return { request, refusals: refusals.list };
}
