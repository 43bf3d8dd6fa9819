/**
 * A non-streamed Gemini answer → ChatCompletion (protocols.md E.5). A prompt Gemini blocked
 * (`promptFeedback.blockReason`, no candidates) becomes an answer with `content: null` and
 * `finish_reason: "content_filter"` — what OpenAI clients already handle for filtered output — rather
 * than an error that would trigger retries and fallbacks to other providers.
 */
import type { ChatChoice, ChatCompletion } from '../../core/chat-response.js';
import { upstreamError } from '../../core/errors.js';
import type { AdapterContext } from '../adapter.js';
import { convertCandidateParts } from './convert-candidate-parts.js';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import { convertLogprobs } from './convert-logprobs.js';
import { mapGeminiErrorPayload } from './map-error.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { isPlainGeminiResponse } from './plain-response.js';
import { geminiResponseSchema, type GeminiCandidate, type GeminiResponse } from './upstream-schema.js';

export function convertGeminiResponse(body: unknown, context: AdapterContext): ChatCompletion {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    throw mapGeminiErrorPayload(body);
  }
  const response = isPlainGeminiResponse(body) ? body : parseResponse(body);
  const candidates = [...(response.candidates ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  let choices: ChatChoice[];
  if (candidates.length > 0) {
    choices = candidates.map((candidate, position) => convertCandidate(candidate, position, context));
  } else if (response.promptFeedback?.blockReason) {
    choices = [{ index: 0, message: { role: 'assistant', content: null, refusal: null }, logprobs: null, finish_reason: 'content_filter' }];
  } else {
    throw upstreamError('Gemini answered without any candidate.');
  }
  const completion: ChatCompletion = {
    id: response.responseId ? `chatcmpl-${response.responseId}` : context.newId('chatcmpl'),
    object: 'chat.completion',
    created: context.now(),
    model: response.modelVersion || context.upstreamModel,
    choices,
  };
  const usage = convertGeminiUsage(response.usageMetadata);
  if (usage !== undefined) completion.usage = usage;
  return completion;
}

function convertCandidate(candidate: GeminiCandidate, position: number, context: AdapterContext): ChatChoice {
  const parts = candidate.content?.parts ?? [];
  const converted = convertCandidateParts(parts, { toolCalls: 0, details: 0 }, context.newId);
  const hasToolCalls = converted.toolCalls.length > 0;
  const choice: ChatChoice = {
    index: candidate.index ?? position,
    message: {
      role: 'assistant',
      content: converted.text !== '' || (!hasToolCalls && parts.length > 0) ? converted.text : null,
      refusal: null,
    },
    logprobs: convertLogprobs(candidate.logprobsResult),
    finish_reason: mapGeminiFinishReason(candidate.finishReason, hasToolCalls),
  };
  if (hasToolCalls) choice.message.tool_calls = converted.toolCalls;
  if (converted.reasoning !== '') choice.message.reasoning_content = converted.reasoning;
  if (converted.reasoningDetails.length > 0) choice.message.reasoning_details = converted.reasoningDetails;
  return choice;
}

function parseResponse(body: unknown): GeminiResponse {
  const parsed = geminiResponseSchema.safeParse(body);
  if (!parsed.success) throw upstreamError('Gemini answered with a body that is not a GenerateContentResponse.');
  return parsed.data;
}
