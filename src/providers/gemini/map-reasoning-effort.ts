/**
 * OpenAI `reasoning_effort` → Gemini `thinkingConfig` (https://ai.google.dev/gemini-api/docs/thinking).
 * Gemini 3 takes `thinkingLevel` and cannot stop thinking (`none` → its lowest level; 3.0 Pro accepts
 * only LOW/HIGH). Gemini 2.5 takes `thinkingBudget`: low/medium/high ≈ 1024/8192/24576 as Google's own
 * OpenAI layer maps them (https://ai.google.dev/gemini-api/docs/openai#thinking); 2.5 Pro cannot go to 0,
 * so its `none` is the minimum of 128; Flash-Lite's minimum is 512. Thought summaries are requested
 * (`includeThoughts`) whenever reasoning is, so they come back as `reasoning_content`. Models that do
 * not think get no thinkingConfig at all.
 */
import type { ChatRequest } from '../../core/chat-request.js';
import type { GeminiModelTraits } from './describe-gemini-model.js';
import type { GeminiThinkingConfig, ThinkingLevel } from './gemini-wire-types.js';

export type ReasoningEffort = NonNullable<ChatRequest['reasoning_effort']>;

export function mapReasoningEffort(effort: ReasoningEffort | null | undefined, model: GeminiModelTraits): GeminiThinkingConfig | undefined {
  if (effort === null || effort === undefined) return undefined;
  const includeThoughts = effort !== 'none';
  switch (model.thinking) {
    case 'none':
      // A model that does not think (Gemini 2.0 and older, Gemma 3) cannot reason any harder, so the
      // effort changes nothing it writes: left out rather than refused (agents send it to every model).
      return undefined;
    case 'level':
      return { thinkingLevel: thinkingLevel(effort, model), includeThoughts };
    case 'budget':
      return { thinkingBudget: thinkingBudget(effort, model), includeThoughts };
  }
}

function thinkingLevel(effort: ReasoningEffort, model: GeminiModelTraits): ThinkingLevel {
  // Gemini 3.0 Pro launched with LOW and HIGH only (its default is HIGH).
  const onlyLowHigh = model.pro && model.version === 3;
  const lowest: ThinkingLevel = model.pro ? 'LOW' : 'MINIMAL';
  switch (effort) {
    case 'none':
    case 'minimal':
      return lowest;
    case 'low':
      return 'LOW';
    case 'medium':
      return onlyLowHigh ? 'HIGH' : 'MEDIUM';
    case 'high':
    case 'xhigh':
    case 'max':
      return 'HIGH';
  }
}

function thinkingBudget(effort: ReasoningEffort, model: GeminiModelTraits): number {
  const minimum = model.flashLite ? 512 : 128;
  switch (effort) {
    case 'none':
      return model.pro ? minimum : 0;
    case 'minimal':
      return minimum;
    case 'low':
      return 1024;
    case 'medium':
      return 8192;
    case 'high':
      return 24576;
    case 'xhigh':
    case 'max':
      return model.pro ? 32768 : 24576;
  }
}
