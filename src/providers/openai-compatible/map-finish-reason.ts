/**
 * Non-standard finish reasons of OpenAI-compatible vendors → OpenAI's enum (protocols.md D;
 * litellm `_FINISH_REASON_MAP`). A choice that produced tool calls ends with `tool_calls` even when
 * the vendor said `stop` (older Ollama, forced named tools; protocols.md A.4).
 */
import type { FinishReason } from '../../core/chat-response.js';

const MAP: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  content_filter: 'content_filter',
  function_call: 'function_call',
  eos: 'stop', // Together
  model_length: 'length', // Mistral
  max_tokens: 'length',
  insufficient_system_resource: 'stop', // DeepSeek
  sensitive: 'content_filter', // Zhipu
  network_error: 'stop', // Zhipu
  error: 'stop', // Mistral, OpenRouter
  tool_call: 'tool_calls',
};

export function mapFinishReason(raw: unknown, sawToolCalls: boolean): FinishReason {
  const mapped = typeof raw === 'string' ? (MAP[raw] ?? 'stop') : 'stop';
  return sawToolCalls && mapped === 'stop' ? 'tool_calls' : mapped;
}
