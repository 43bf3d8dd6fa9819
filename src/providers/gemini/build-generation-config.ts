/**
 * OpenAI sampling, length, format and reasoning parameters → Gemini `generationConfig`
 * (https://ai.google.dev/api/generate-content#generationconfig; protocols.md E.4 steps 7, 8, 11).
 */
import type { ChatRequest, ResponseFormat } from '../../core/chat-request.js';
import { invalidRequest, unsupportedParameter } from '../../core/errors.js';
import { clampOutputTokens } from '../output-limit.js';
import { convertJsonSchemaToGemini, SchemaConversionError } from './convert-json-schema-to-gemini.js';
import type { GeminiModelTraits } from './describe-gemini-model.js';
import type { GeminiGenerationConfig } from './gemini-wire-types.js';
import { mapReasoningEffort } from './map-reasoning-effort.js';

/** Gemini's candidateCount accepts 1–8. */
const MAX_CANDIDATES = 8;

export function buildGenerationConfig(request: ChatRequest, model: GeminiModelTraits): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {};
  if (request.temperature != null) config.temperature = request.temperature;
  if (request.top_p != null) config.topP = request.top_p;
  if (typeof request.top_k === 'number') config.topK = request.top_k; // common extension (vLLM, OpenRouter)
  // Lowered to the model's maximum: a limit above what the model can produce changes nothing it writes.
  const maxTokens = clampOutputTokens(request.max_completion_tokens ?? request.max_tokens, model.maxOutputTokens);
  if (maxTokens != null) config.maxOutputTokens = maxTokens;
  const stop = typeof request.stop === 'string' ? [request.stop] : (request.stop ?? []);
  if (stop.some((sequence) => sequence !== '')) config.stopSequences = stop.filter((sequence) => sequence !== '');
  if (request.n != null && request.n > 1) {
    if (request.n > MAX_CANDIDATES) throw unsupportedParameter('n', `Gemini returns at most ${MAX_CANDIDATES} choices per request; n=${request.n} is too many.`);
    config.candidateCount = request.n;
  }
  if (request.presence_penalty != null) config.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty != null) config.frequencyPenalty = request.frequency_penalty;
  if (request.seed != null) config.seed = request.seed;
  if (request.logprobs === true) {
    config.responseLogprobs = true;
    if (request.top_logprobs != null && request.top_logprobs > 0) config.logprobs = request.top_logprobs;
  }
  applyResponseFormat(config, request.response_format, model);
  const thinking = mapReasoningEffort(request.reasoning_effort, model);
  if (thinking !== undefined) config.thinkingConfig = thinking;
  return Object.keys(config).length > 0 ? config : undefined;
}

/** json_schema uses `responseJsonSchema` where the model takes JSON Schema (protocols.md C.6 option 1), the OpenAPI subset otherwise. */
function applyResponseFormat(config: GeminiGenerationConfig, format: ResponseFormat | undefined, model: GeminiModelTraits): void {
  if (format === undefined || format.type === 'text') return;
  config.responseMimeType = 'application/json';
  if (format.type !== 'json_schema' || format.json_schema.schema === undefined) return;
  const schema = format.json_schema.schema;
  if (model.jsonSchema) {
    config.responseJsonSchema = schema;
    return;
  }
  try {
    const converted = convertJsonSchemaToGemini(schema);
    if (converted !== undefined) config.responseSchema = converted;
  } catch (error) {
    if (!(error instanceof SchemaConversionError)) throw error;
    throw invalidRequest(`The response schema cannot be sent to ${model.id}: ${error.message}.`, 'response_format.json_schema.schema');
  }
}
