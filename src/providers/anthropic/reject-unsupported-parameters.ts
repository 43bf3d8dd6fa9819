/**
 * OpenAI parameters Claude cannot honour. Those that would change the answer are a 400
 * `unsupported_parameter` naming the parameter (design.md §4: never silently dropped):
 * `n > 1`, `logprobs`, `logit_bias` (token ids of another tokenizer), non-zero
 * `presence_penalty`/`frequency_penalty`, audio output, legacy `functions`, `web_search_options`.
 * Dropped because they do not change what the model writes: `seed` (OpenAI itself calls it
 * best-effort determinism, Anthropic has no equivalent), `prediction` (a latency hint),
 * `verbosity` (a GPT-5 hint), `service_tier`, `store`, `metadata`, `prompt_cache_key`,
 * `stream_options` (usage is always streamed by Anthropic).
 */
import { z } from 'zod';
import type { ChatRequest } from '../../core/chat-request.js';
import { unsupportedParameter } from '../../core/errors.js';

/** Fields the inbound schema keeps as unknown pass-through (it is loose); read them safely. */
const extraFieldsSchema = z.looseObject({
  modalities: z.array(z.string()).nullish().catch(null),
  audio: z.unknown().optional(),
  functions: z.unknown().optional(),
  function_call: z.unknown().optional(),
  web_search_options: z.unknown().optional(),
});

export function rejectUnsupportedParameters(request: ChatRequest): void {
  if (request.n != null && request.n > 1) {
    throw unsupportedParameter('n', `Anthropic models return one choice per request; n=${request.n} is not supported.`);
  }
  if (request.logprobs === true) {
    throw unsupportedParameter('logprobs', 'Anthropic models do not return log probabilities; remove logprobs.');
  }
  if (request.logit_bias != null && Object.keys(request.logit_bias).length > 0) {
    throw unsupportedParameter('logit_bias', 'logit_bias uses OpenAI token ids, which mean nothing to Anthropic models; remove it.');
  }
  for (const penalty of ['presence_penalty', 'frequency_penalty'] as const) {
    const value = request[penalty];
    if (value != null && value !== 0) {
      throw unsupportedParameter(penalty, `Anthropic models have no ${penalty}; remove it or set it to 0.`);
    }
  }

  const extra = extraFieldsSchema.parse(request);
  if (extra.modalities?.includes('audio') || (extra.audio !== undefined && extra.audio !== null)) {
    throw unsupportedParameter(extra.audio == null ? 'modalities' : 'audio', 'Anthropic models cannot answer with audio.');
  }
  if (extra.functions != null) {
    throw unsupportedParameter('functions', 'Legacy functions are not supported for Anthropic models; send them as tools.');
  }
  if (extra.function_call != null) {
    throw unsupportedParameter('function_call', 'Legacy function_call is not supported for Anthropic models; use tool_choice.');
  }
  if (extra.web_search_options != null) {
    throw unsupportedParameter('web_search_options', 'Web search is not available through the Anthropic adapter.');
  }
}
