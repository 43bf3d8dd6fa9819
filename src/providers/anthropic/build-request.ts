/**
 * OpenAI chat request → `POST {baseUrl}/v1/messages` (https://docs.claude.com/en/api/messages).
 * Each translation lives in its own file; this one only assembles them and enforces the rules that
 * span several: extended thinking cannot be combined with forced tool use
 * (https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility).
 * `anthropic-version` is pinned to 2023-06-01: the 2026-10-21 version rejects every sampling
 * parameter (protocols.md B.1). Configured endpoint headers (e.g. `anthropic-beta`) are merged in.
 */
import type { ProviderEndpoint } from '../../config/config.js';
import type { ChatRequest } from '../../core/chat-request.js';
import { unsupportedParameter } from '../../core/errors.js';
import type { AdapterContext, UpstreamRequest } from '../adapter.js';
import type { AnthropicOutputConfig, AnthropicRequestBody } from './anthropic-request-types.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { convertTools } from './convert-tools.js';
import { mapReasoningEffort, resolveMaxTokens } from './map-reasoning-effort.js';
import { mapResponseFormat } from './map-response-format.js';
import { mapSampling } from './map-sampling.js';
import { mapToolChoice } from './map-tool-choice.js';
import { claudeCapabilities } from './model-capabilities.js';
import { rejectUnsupportedParameters } from './reject-unsupported-parameters.js';

export const ANTHROPIC_VERSION = '2023-06-01';

export function buildAnthropicBody(request: ChatRequest, context: AdapterContext): AnthropicRequestBody {
  rejectUnsupportedParameters(request);
  const model = context.upstreamModel;
  const capabilities = claudeCapabilities(model);
  const { system, messages } = convertToAnthropicMessages(request.messages);
  const maxTokens = resolveMaxTokens(request, capabilities);
  const reasoning = mapReasoningEffort(request, maxTokens, capabilities, model);
  const sampling = mapSampling(request, capabilities, reasoning.active, model);
  const format = mapResponseFormat(request.response_format, capabilities);
  const toolPlan = mapToolChoice(
    request.tool_choice,
    request.parallel_tool_calls,
    convertTools(request.tools, capabilities),
    format.kind === 'tool' ? format.tool : null,
  );

  if (reasoning.active && toolPlan.forcedBy === 'response_format') {
    throw unsupportedParameter(
      'response_format',
      `With ${model}, JSON mode makes Claude call a tool, which extended thinking forbids: use a json_schema response_format on a model with native structured output, or remove reasoning_effort.`,
    );
  }
  if (reasoning.active && toolPlan.forcedBy === 'client') {
    throw unsupportedParameter(
      'tool_choice',
      'Claude cannot be forced to call a tool while extended thinking is on: use tool_choice "auto" or remove reasoning_effort.',
    );
  }

  const body: AnthropicRequestBody = { model, max_tokens: maxTokens, messages };
  if (system.length > 0) body.system = system;
  Object.assign(body, sampling);
  if (toolPlan.tools.length > 0) body.tools = toolPlan.tools;
  if (toolPlan.toolChoice !== undefined) body.tool_choice = toolPlan.toolChoice;
  if (reasoning.thinking !== undefined) body.thinking = reasoning.thinking;
  const outputConfig: AnthropicOutputConfig = {};
  if (reasoning.effort !== undefined) outputConfig.effort = reasoning.effort;
  if (format.kind === 'native') outputConfig.format = format.format;
  if (Object.keys(outputConfig).length > 0) body.output_config = outputConfig;
  const userId = opaqueUserId(request);
  if (userId !== null) body.metadata = { user_id: userId };
  if (context.stream) body.stream = true;
  return body;
}

export function buildAnthropicRequest(request: ChatRequest, endpoint: ProviderEndpoint, context: AdapterContext): UpstreamRequest {
  return {
    url: messagesUrl(endpoint.baseUrl),
    headers: requestHeaders(endpoint, context.stream),
    body: JSON.stringify(buildAnthropicBody(request, context)),
  };
}

/** The base URL is documented without `/v1`; tolerate one anyway. */
function messagesUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1/messages`;
}

function requestHeaders(endpoint: ProviderEndpoint, stream: boolean): Record<string, string> {
  const headers: Record<string, string> = { 'anthropic-version': ANTHROPIC_VERSION };
  // Configured headers may add `anthropic-beta` or pin another `anthropic-version`.
  for (const [name, value] of Object.entries(endpoint.headers)) headers[name.toLowerCase()] = value;
  headers['content-type'] = 'application/json';
  headers.accept = stream ? 'text/event-stream' : 'application/json';
  if (endpoint.apiKey !== null) headers['x-api-key'] = endpoint.apiKey;
  return headers;
}

/**
 * `metadata.user_id` must be an opaque id: Anthropic asks for no names, e-mail addresses or phone
 * numbers (https://docs.claude.com/en/api/messages#body-metadata), so such values are not sent
 * (litellm `_valid_user_id` does the same). Dropping it changes nothing in the answer.
 */
function opaqueUserId(request: ChatRequest): string | null {
  const candidates = [request.safety_identifier, request.user];
  for (const candidate of candidates) {
    if (typeof candidate !== 'string' || candidate.trim() === '') continue;
    if (/@/.test(candidate) || /^\+?[\d\s().-]{7,}$/.test(candidate)) continue;
    return candidate.slice(0, 256);
  }
  return null;
}
