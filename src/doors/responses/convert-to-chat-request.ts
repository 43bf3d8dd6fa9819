/**
 * A validated Responses body → the canonical ChatRequest every adapter translates from.
 * Parameter mapping (https://platform.openai.com/docs/guides/migrate-to-responses):
 * `max_output_tokens` → `max_completion_tokens`, `reasoning.effort` → `reasoning_effort`,
 * `text.format` → `response_format`, `text.verbosity` → `verbosity`; temperature, top_p, metadata,
 * user, safety_identifier, service_tier, parallel_tool_calls and stream as they are (a stream always
 * asks for usage). Dropped because they change nothing another provider writes: `store` (nothing
 * is stored), `include` (encrypted reasoning is always carried when there is some),
 * `reasoning.summary` (summaries come as the provider gives them), `prompt_cache_key`,
 * `client_metadata`, `truncation`, `context_management`, `stream_options`. What cannot be carried
 * is a loss: refused only if a translated attempt is made (see responses-door.ts).
 */
import { unsupportedParameter, type GatewayError } from '../../core/errors.js';
import { convertInput } from './convert-input.js';
import { convertTools } from './convert-tools.js';
import type { ToolNameMap } from './namespace-tool-names.js';
import type { ResponsesBody, TextFormat } from './request-schema.js';

/** Canonical `reasoning_effort` values (src/core/chat-request.ts). */
const EFFORTS = new Set(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']);

export interface Translation {
  /** The canonical request, before the canonical schema checks it. */
  request: Record<string, unknown>;
  names: ToolNameMap;
  /** Parameters only a native deployment can honour. */
  losses: GatewayError[];
}

export function convertToChatRequest(body: ResponsesBody): Translation {
  const losses: GatewayError[] = [];
  const messages = convertInput(body, losses);
  // Input made only of items another provider cannot read: a native deployment may still answer
  // it, and a translated attempt is refused by the losses, so the canonical request (then used for
  // estimates only) gets an empty user turn to stay valid.
  if (messages.length === 0 && losses.length > 0) messages.push({ role: 'user', content: '' });
  const { tools, toolChoice, names } = convertTools(body, losses);
  const request: Record<string, unknown> = { messages };
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null) request[key] = value;
  };
  set('model', body.model);
  set('models', body.models);
  set('tools', tools);
  set('tool_choice', toolChoice);
  set('parallel_tool_calls', body.parallel_tool_calls);
  set('max_completion_tokens', body.max_output_tokens);
  set('temperature', body.temperature);
  set('top_p', body.top_p);
  set('metadata', body.metadata);
  set('user', body.user);
  set('safety_identifier', body.safety_identifier);
  set('service_tier', body.service_tier);
  set('verbosity', body.text?.verbosity);
  set('response_format', responseFormat(body.text?.format));
  const effort = body.reasoning?.effort;
  if (typeof effort === 'string') {
    if (EFFORTS.has(effort)) request.reasoning_effort = effort;
    else losses.push(unsupportedParameter('reasoning.effort', `reasoning.effort \`${effort}\` has no equivalent for this model's provider.`));
  }
  if (body.prompt !== undefined && body.prompt !== null) {
    losses.push(unsupportedParameter('prompt', 'Prompt templates are stored at OpenAI; this model is served by another provider. Send the prompt as input.'));
  }
  if (typeof body.top_logprobs === 'number' && body.top_logprobs > 0) {
    losses.push(unsupportedParameter('top_logprobs', 'Log probabilities are not translated for this model\'s provider; remove top_logprobs.'));
  }
  if (typeof body.max_tool_calls === 'number') {
    losses.push(unsupportedParameter('max_tool_calls', 'max_tool_calls has no equivalent for this model\'s provider; remove it.'));
  }
  if (body.stream === true) {
    request.stream = true;
    request.stream_options = { include_usage: true };
  }
  return { request, names, losses };
}

function responseFormat(format: TextFormat | undefined): Record<string, unknown> | undefined {
  if (format === undefined) return undefined;
  if (format.type !== 'json_schema') return { type: format.type };
  const { name, schema, description, strict } = format;
  return {
    type: 'json_schema',
    json_schema: { name, schema, ...(description === undefined ? {} : { description }), ...(typeof strict === 'boolean' ? { strict } : {}) },
  };
}
