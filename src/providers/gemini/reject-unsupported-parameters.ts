/**
 * OpenAI parameters Gemini cannot honour and that would change the answer: a 400
 * `unsupported_parameter` naming the field instead of a silent drop (design.md §4). Parameters that
 * only label or meter a call (`user`, `metadata`, `store`, `service_tier`, `prediction`,
 * `prompt_cache_key`, `safety_identifier`) are ignored.
 */
import type { ChatRequest } from '../../core/chat-request.js';
import { unsupportedParameter } from '../../core/errors.js';

const present = (value: unknown): boolean => value !== undefined && value !== null;

export function rejectUnsupportedParameters(request: ChatRequest): void {
  if (request.logit_bias && Object.keys(request.logit_bias).length > 0) {
    throw unsupportedParameter('logit_bias', 'Gemini cannot bias tokens by id: logit_bias token ids belong to OpenAI tokenizers.');
  }
  const modalities = request.modalities;
  if (Array.isArray(modalities) && modalities.some((modality) => modality !== 'text')) {
    throw unsupportedParameter('modalities', 'Switchyard returns text only from Gemini chat models; remove the "audio" modality.');
  }
  if (present(request.audio)) throw unsupportedParameter('audio', 'Audio output is not available through the Gemini adapter.');
  if (present(request.web_search_options)) {
    throw unsupportedParameter('web_search_options', 'Web search is not available through the Gemini adapter.');
  }
  if (present(request.verbosity)) {
    throw unsupportedParameter('verbosity', 'Gemini has no verbosity setting; ask for the length you want in the prompt instead.');
  }
  const callsTools = (request.tools ?? []).length > 0 || present(request.functions);
  if (request.parallel_tool_calls === false && callsTools && request.tool_choice !== 'none') {
    // Gemini has no switch for at most one call per turn (https://ai.google.dev/gemini-api/docs/function-calling#parallel_function_calling).
    throw unsupportedParameter(
      'parallel_tool_calls',
      'Gemini may call several functions in one turn and cannot be limited to one; remove parallel_tool_calls: false or set it to true.',
    );
  }
}
