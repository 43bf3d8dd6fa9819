/**
 * OpenAI request → an OpenAI-compatible vendor's request. Unknown fields pass through untouched;
 * each quirk of the vendor (protocols.md D) is one small step below. A parameter the vendor cannot
 * honour and that would change the answer is a 400 `unsupported_parameter`, never silently dropped.
 */
import { createHash } from 'node:crypto';
import type { ProviderEndpoint } from '../../config/config.js';
import type { ChatRequest } from '../../core/chat-request.js';
import { unsupportedParameter } from '../../core/errors.js';
import type { AdapterContext, UpstreamRequest } from '../adapter.js';
import { vendorProfile } from '../vendors.js';
import { applyModelLimits } from './apply-model-limits.js';
import type { OpenAICompatibleQuirks } from './quirks.js';
import { shortenToolCallIds } from './shorten-tool-call-ids.js';
import { modelPathSegment } from '../path-segment.js';

type Body = Record<string, unknown>;

export function buildOpenAICompatibleRequest(
  request: ChatRequest,
  endpoint: ProviderEndpoint,
  context: AdapterContext,
): UpstreamRequest {
  const quirks = vendorProfile(endpoint.type)?.quirks ?? {};
  // Ids made by other providers may be longer than OpenAI accepts (shorten-tool-call-ids.ts).
  const body: Body = { ...request, model: context.upstreamModel, messages: shortenToolCallIds(request.messages) };
  delete body.models;

  rejectUnsupported(body, quirks, endpoint.name);
  applyStreamUsage(body, quirks, context.stream);
  // Before the renames, so a clamped max_tokens is what becomes max_completion_tokens.
  applyModelLimits(body, context.upstreamModel);
  applyParameterRenames(body, quirks, context.upstreamModel);
  applyToolQuirks(body, quirks, endpoint.name);
  applyMessageQuirks(body, quirks);
  if (quirks.disableThinkingWhenNotStreaming && !context.stream && body.enable_thinking === undefined) {
    body.enable_thinking = false;
  }

  return {
    url: chatCompletionsUrl(endpoint, context.upstreamModel),
    headers: requestHeaders(endpoint, context.stream),
    body: JSON.stringify(body),
  };
}

function rejectUnsupported(body: Body, quirks: OpenAICompatibleQuirks, provider: string): void {
  for (const [param, reason] of Object.entries(quirks.rejected ?? {})) {
    const value = body[param];
    if (value === undefined || value === null || value === false) {
      delete body[param];
      continue;
    }
    throw unsupportedParameter(param, `${reason} Remove \`${param}\` or choose a model served by another provider (provider: ${provider}).`);
  }
  if (quirks.supportsN === false) {
    if (typeof body.n === 'number' && body.n > 1) {
      throw unsupportedParameter('n', `The provider ${provider} returns one choice per request; n=${body.n} is not supported.`);
    }
    delete body.n;
  }
  if (quirks.responseFormat === 'json_object-only') {
    const format = body.response_format as { type?: string } | undefined;
    if (format?.type === 'json_schema') {
      throw unsupportedParameter(
        'response_format',
        `The provider ${provider} supports response_format json_object but not json_schema.`,
      );
    }
  }
}

function applyStreamUsage(body: Body, quirks: OpenAICompatibleQuirks, stream: boolean): void {
  if (!stream) {
    delete body.stream_options;
    return;
  }
  if (quirks.streamUsage === 'always') {
    delete body.stream_options;
    return;
  }
  // Always ask for usage so every call can be metered; the usage chunk is removed again when the
  // client did not ask for it (stream-converter.ts).
  const options = (body.stream_options ?? {}) as Body;
  body.stream_options = { ...options, include_usage: true };
}

function applyParameterRenames(body: Body, quirks: OpenAICompatibleQuirks, model: string): void {
  if (quirks.maxTokensToMaxCompletionTokens?.test(model) && body.max_tokens != null && body.max_completion_tokens == null) {
    body.max_completion_tokens = body.max_tokens;
    delete body.max_tokens;
  }
  if (quirks.maxCompletionTokensToMaxTokens && body.max_completion_tokens != null) {
    body.max_tokens = body.max_completion_tokens;
    delete body.max_completion_tokens;
  }
  if (quirks.seedParameter === 'random_seed' && body.seed != null) {
    body.random_seed = body.seed;
    delete body.seed;
  }
}

function applyToolQuirks(body: Body, quirks: OpenAICompatibleQuirks, provider: string): void {
  const choice = body.tool_choice;
  if (choice === undefined) return;
  if (quirks.toolChoice === 'auto-only' && choice !== 'auto') {
    throw unsupportedParameter(
      'tool_choice',
      `The provider ${provider} only supports tool_choice "auto"; ${JSON.stringify(choice)} would change the answer.`,
    );
  }
  if (quirks.requiredToolChoice === 'any' && choice === 'required') body.tool_choice = 'any';
}

function applyMessageQuirks(body: Body, quirks: OpenAICompatibleQuirks): void {
  const needsRewrite = quirks.stripMessageNames || quirks.toolCallIds || quirks.replayReasoningOnToolTurns || quirks.stripReasoningContent;
  if (!needsRewrite || !Array.isArray(body.messages)) return;
  // OpenAI only strips reasoning_content: a conversation without any (the usual case) is sent as it is.
  const onlyStripsReasoning = quirks.stripReasoningContent && !quirks.stripMessageNames && !quirks.toolCallIds && !quirks.replayReasoningOnToolTurns;
  if (onlyStripsReasoning && !(body.messages as Body[]).some((message) => 'reasoning_content' in message)) return;
  body.messages = (body.messages as Body[]).map((original) => {
    const message: Body = { ...original };
    if (quirks.stripMessageNames) delete message.name;
    if (quirks.stripReasoningContent) delete message.reasoning_content;
    if (quirks.toolCallIds === 'alphanumeric-9') {
      if (typeof message.tool_call_id === 'string') message.tool_call_id = alphanumericId(message.tool_call_id);
      if (Array.isArray(message.tool_calls)) {
        message.tool_calls = (message.tool_calls as Body[]).map((call) => ({ ...call, id: alphanumericId(String(call.id)) }));
      }
    }
    if (quirks.replayReasoningOnToolTurns && message.role === 'assistant' && Array.isArray(message.tool_calls)) {
      message.reasoning_content ??= '';
    }
    return message;
  });
}

/** Mistral wants tool-call ids of exactly nine letters or digits: map any id to one, deterministically. */
export function alphanumericId(id: string): string {
  if (/^[a-zA-Z0-9]{9}$/.test(id)) return id;
  const digest = createHash('sha256').update(id).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let out = '';
  for (let index = 0; index < 9; index++) out += alphabet[(digest[index] ?? 0) % alphabet.length];
  return out;
}

function chatCompletionsUrl(endpoint: ProviderEndpoint, model: string): string {
  if (endpoint.type !== 'azure') return `${endpoint.baseUrl}/chat/completions`;
  if (/\/v1$/.test(endpoint.baseUrl)) return `${endpoint.baseUrl}/chat/completions`;
  if (endpoint.apiVersion === null) return `${endpoint.baseUrl}/openai/v1/chat/completions`;
  return `${endpoint.baseUrl}/openai/deployments/${modelPathSegment(model)}/chat/completions?api-version=${encodeURIComponent(endpoint.apiVersion)}`;
}

/** An endpoint's request headers never change: made once per endpoint and kind of call (frozen; shared by the Responses door's native wire). */
const headersOf = new WeakMap<ProviderEndpoint, { stream: Record<string, string>; json: Record<string, string> }>();

export function requestHeaders(endpoint: ProviderEndpoint, stream: boolean): Readonly<Record<string, string>> {
  let made = headersOf.get(endpoint);
  if (made === undefined) {
    made = { stream: Object.freeze(makeHeaders(endpoint, true)), json: Object.freeze(makeHeaders(endpoint, false)) };
    headersOf.set(endpoint, made);
  }
  return stream ? made.stream : made.json;
}

function makeHeaders(endpoint: ProviderEndpoint, stream: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    ...endpoint.headers,
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
  };
  if (endpoint.apiKey !== null) {
    if (endpoint.type === 'azure') headers['api-key'] = endpoint.apiKey;
    else headers.authorization = `Bearer ${endpoint.apiKey}`;
  }
  return headers;
}
