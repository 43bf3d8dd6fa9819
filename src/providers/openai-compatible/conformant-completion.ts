/**
 * The fast path for a conformant vendor's non-streamed answer (OpenAI itself): when the parsed body
 * already has every field OpenAI's schema requires, with the types the gateway relies on, it *is*
 * the canonical completion — no schema library run, no rebuilt object, and its JSON text is sent on
 * unchanged (src/core/raw-json.ts). Anything unexpected falls back to the full conversion.
 */
import type { ChatCompletion } from '../../core/chat-response.js';
import type { Usage } from '../../core/usage.js';
import { isCount, isFields } from '../../core/json-fields.js';

const FINISH_REASONS = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

const isStringOrNull = (value: unknown): boolean => value === null || typeof value === 'string';

export function isConformantCompletion(body: unknown): body is ChatCompletion {
  if (!isFields(body) || body.object !== 'chat.completion') return false;
  if (typeof body.id !== 'string' || body.id === '' || typeof body.model !== 'string' || !isCount(body.created)) return false;
  if (!Array.isArray(body.choices) || body.choices.length === 0) return false;
  for (const choice of body.choices) if (!isConformantChoice(choice)) return false;
  return body.usage === undefined || isConformantUsage(body.usage);
}

function isConformantChoice(choice: unknown): boolean {
  if (!isFields(choice) || !isCount(choice.index) || !('logprobs' in choice)) return false;
  if (typeof choice.finish_reason !== 'string' || !FINISH_REASONS.has(choice.finish_reason)) return false;
  const message = choice.message;
  if (!isFields(message) || message.role !== 'assistant' || !isStringOrNull(message.content) || !('refusal' in message) || !isStringOrNull(message.refusal)) return false;
  if (message.tool_calls === undefined) return true;
  if (!Array.isArray(message.tool_calls)) return false;
  for (const call of message.tool_calls) {
    if (!isFields(call) || typeof call.id !== 'string' || call.id === '' || call.type !== 'function') return false;
    const fn = call.function;
    if (!isFields(fn) || typeof fn.name !== 'string' || fn.name === '' || typeof fn.arguments !== 'string') return false;
  }
  return true;
}

/** OpenAI's usage object: the three counts, and details (when present) of counts only (null details are read as absent). */
export function isConformantUsage(usage: unknown): usage is Usage {
  if (!isFields(usage) || !isCount(usage.prompt_tokens) || !isCount(usage.completion_tokens) || !isCount(usage.total_tokens)) return false;
  for (const details of [usage.prompt_tokens_details, usage.completion_tokens_details]) {
    if (details === undefined || details === null) continue;
    if (!isFields(details)) return false;
    for (const value of Object.values(details)) if (value !== null && !isCount(value)) return false;
  }
  return true;
}
