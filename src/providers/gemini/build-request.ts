/**
 * OpenAI request → Gemini generateContent / streamGenerateContent?alt=sse (protocols.md C.1, E.4).
 * URL `${baseUrl}/v1beta/models/${model}:…`, key in `x-goog-api-key` (never in the query string,
 * where it would reach logs).
 */
import { z } from 'zod';
import type { ProviderEndpoint } from '../../config/config.js';
import type { ChatRequest, ToolChoice } from '../../core/chat-request.js';
import type { AdapterContext, UpstreamRequest } from '../adapter.js';
import { modelPathSegment } from '../path-segment.js';
import { buildGenerationConfig } from './build-generation-config.js';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';
import { convertTools } from './convert-tools.js';
import { describeGeminiModel } from './describe-gemini-model.js';
import type { GeminiRequestBody } from './gemini-wire-types.js';
import { mapToolChoice } from './map-tool-choice.js';
import { rejectUnsupportedParameters } from './reject-unsupported-parameters.js';

const legacyFunctionCall = z.union([z.enum(['none', 'auto']), z.looseObject({ name: z.string() })]);

export function buildGeminiRequest(request: ChatRequest, endpoint: ProviderEndpoint, context: AdapterContext): UpstreamRequest {
  const model = describeGeminiModel(context.upstreamModel);
  rejectUnsupportedParameters(request);
  const body: GeminiRequestBody = { ...convertToGeminiContents(request.messages, model) };

  const tools = convertTools(request, model);
  if (tools.declarations.length > 0) {
    const names = tools.declarations.map((declaration) => declaration.name);
    const choice = mapToolChoice(request.tool_choice ?? legacyToolChoice(request.function_call), names, { strict: tools.strict && model.jsonSchema });
    const declared = choice.declare;
    const functionDeclarations = declared === null ? tools.declarations : tools.declarations.filter((declaration) => declared.includes(declaration.name));
    body.tools = [{ functionDeclarations }];
    if (choice.config !== undefined) body.toolConfig = choice.config;
  }
  const generationConfig = buildGenerationConfig(request, model);
  if (generationConfig !== undefined) body.generationConfig = generationConfig;

  return {
    url: modelUrl(endpoint.baseUrl, context.upstreamModel, context.stream),
    headers: requestHeaders(endpoint, context.stream),
    body: JSON.stringify(body),
  };
}

function legacyToolChoice(functionCall: unknown): ToolChoice | undefined {
  const parsed = legacyFunctionCall.safeParse(functionCall);
  if (!parsed.success) return undefined;
  return typeof parsed.data === 'string' ? parsed.data : { type: 'function', function: { name: parsed.data.name } };
}

/** `baseUrl` comes without a version (config.ts); one that already ends in /v1beta (or /v1, /v1alpha) is used as is. */
export function modelUrl(baseUrl: string, model: string, stream: boolean): string {
  const base = baseUrl.replace(/\/+$/, '');
  const versioned = /\/v1(alpha|beta)?$/.test(base) ? base : `${base}/v1beta`;
  // `models/{id}` or `tunedModels/{id}`: one collection, then exactly one id segment (no `:` either,
  // which would start the method part).
  const prefixed = /^(models|tunedModels)\/(.*)$/.exec(model);
  const collection = prefixed?.[1] ?? 'models';
  const id = modelPathSegment(prefixed?.[2] ?? model, /:/);
  return `${versioned}/${collection}/${id}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
}

function requestHeaders(endpoint: ProviderEndpoint, stream: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    ...endpoint.headers,
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
  };
  if (endpoint.apiKey !== null) headers['x-goog-api-key'] = endpoint.apiKey;
  return headers;
}
