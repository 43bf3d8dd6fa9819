/**
 * Vendor usage → OpenAI `CompletionUsage` semantics (protocols.md D): DeepSeek's
 * `prompt_cache_hit_tokens`, Moonshot's top-level `cached_tokens`, DashScope's
 * `cache_creation_input_tokens`, and xAI's `completion_tokens` that exclude reasoning.
 */
import { isFields } from '../../core/json-fields.js';
import { buildUsage, countOrZero as countOf, type Usage } from '../../core/usage.js';

/**
 * Read by hand, on every answer and the usage chunk of every stream (a schema here was 3 % of a
 * streamed call). A count that is not a non-negative integer reads as 0; a count left out stays
 * undefined, so the fallbacks below can tell "absent" from "zero"; a details field that is not an
 * object makes the whole usage unreadable (undefined). A test holds this to the schema it replaced.
 */
const optionalCount = (value: unknown): number | undefined => (value === undefined ? undefined : countOf(value));

type Details = Record<string, unknown> | null | undefined;

/** A details object as it is, or false when it is something else. */
const detailsOf = (value: unknown): Details | false => (value === undefined || value === null ? value : isFields(value) ? value : false);

export function normalizeUsage(raw: unknown): Usage | undefined {
  if (!isFields(raw)) return undefined;
  const promptDetails = detailsOf(raw.prompt_tokens_details);
  const completionDetails = detailsOf(raw.completion_tokens_details);
  if (promptDetails === false || completionDetails === false) return undefined;
  const prompt = countOf(raw.prompt_tokens);
  const total = optionalCount(raw.total_tokens);
  const reasoning = optionalCount(completionDetails?.reasoning_tokens) ?? 0;
  let completion = countOf(raw.completion_tokens);
  // xAI reports reasoning outside completion_tokens: prompt + completion + reasoning = total.
  if (reasoning > 0 && total !== undefined && prompt + completion + reasoning === total && prompt + completion !== total) {
    completion += reasoning;
  }
  return buildUsage({
    prompt,
    completion,
    cachedRead: optionalCount(promptDetails?.cached_tokens) ?? optionalCount(raw.prompt_cache_hit_tokens) ?? optionalCount(raw.cached_tokens) ?? 0,
    cacheWrite:
      optionalCount(promptDetails?.cache_write_tokens) ??
      optionalCount(promptDetails?.cache_creation_input_tokens) ??
      optionalCount(raw.cache_creation_input_tokens) ??
      0,
    reasoning,
  });
}
