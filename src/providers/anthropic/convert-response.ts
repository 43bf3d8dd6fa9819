/**
 * A non-streamed Anthropic `Message` → OpenAI `ChatCompletion` (protocols.md E.2):
 * text blocks → `content` (null when there are none), `tool_use` → `tool_calls` (ids kept, so tool
 * results can refer to them), thinking → `reasoning_content` plus signed `reasoning_details`,
 * `refusal` → `finish_reason: "content_filter"` with Anthropic's explanation as `refusal`.
 * Blocks that Anthropic executed itself (server tools, their results) are not the client's business.
 * The id and `created` come from the injected context; `model` is the model that answered.
 */
import type { ToolCall } from '../../core/chat-request.js';
import type { AssistantOutputMessage, ChatCompletion } from '../../core/chat-response.js';
import type { ReasoningDetail } from '../../core/reasoning-details.js';
import { upstreamError } from '../../core/errors.js';
import type { AdapterContext } from '../adapter.js';
import { anthropicErrorBodySchema, anthropicMessageSchema, type AnthropicMessageResponse } from './anthropic-response-schema.js';
import { convertAnthropicUsage, emptyAnthropicCounts, mergeAnthropicUsage } from './convert-anthropic-usage.js';
import { redactedThinkingDetail, thinkingDetail } from './convert-reasoning-details.js';
import { mapAnthropicStreamError } from './map-error.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { JSON_RESPONSE_TOOL_NAME } from './map-response-format.js';
import { readAnthropicMessage } from './read-message.js';

/** Separates consecutive thinking blocks in `reasoning_content` (the stream does the same). */
export const THINKING_SEPARATOR = '\n\n';

export function convertAnthropicResponse(body: unknown, context: AdapterContext): ChatCompletion {
  return convertAnthropicMessage(readAnthropicMessage(body) ?? parseMessage(body), context);
}

/** The schema's reading of an answer the plain reader (read-message.ts) left to it; an error body throws its error. */
function parseMessage(body: unknown): AnthropicMessageResponse {
  const parsed = anthropicMessageSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const error = anthropicErrorBodySchema.safeParse(body);
  if (error.success) throw mapAnthropicStreamError(error.data.error.type, error.data.error.message);
  throw upstreamError('Anthropic answered with a body that is not a message.');
}

export function convertAnthropicMessage(upstream: AnthropicMessageResponse, context: AdapterContext): ChatCompletion {

  const texts: string[] = [];
  const thinking: string[] = [];
  const details: ReasoningDetail[] = [];
  const toolCalls: ToolCall[] = [];
  let jsonAnswer: string | null = null;
  for (const block of upstream.content) {
    switch (block.kind) {
      case 'text':
        texts.push(block.text);
        break;
      case 'thinking':
        if (block.thinking !== '') thinking.push(block.thinking);
        details.push(thinkingDetail(block.thinking, block.signature, details.length));
        break;
      case 'redacted_thinking':
        details.push(redactedThinkingDetail(block.data, details.length));
        break;
      case 'tool_use': {
        const input = JSON.stringify(block.input ?? {});
        if (block.name === JSON_RESPONSE_TOOL_NAME) jsonAnswer = input;
        else toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: input } });
        break;
      }
      case 'other':
        break;
    }
  }

  // With the JSON tool, the tool input is the answer; any text around it would break the JSON.
  const content = jsonAnswer ?? (texts.length > 0 ? texts.join('') : null);
  const refusal = upstream.stop_reason === 'refusal' ? (upstream.stop_details?.explanation ?? null) : null;
  const message: AssistantOutputMessage = { role: 'assistant', content, refusal };
  if (thinking.length > 0) message.reasoning_content = thinking.join(THINKING_SEPARATOR);
  if (details.length > 0) message.reasoning_details = details;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;

  return {
    id: context.newId('chatcmpl'),
    object: 'chat.completion',
    created: context.now(),
    model: upstream.model || context.upstreamModel,
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: mapAnthropicStopReason(upstream.stop_reason, jsonAnswer !== null && toolCalls.length === 0),
      },
    ],
    usage: convertAnthropicUsage(mergeAnthropicUsage(emptyAnthropicCounts(), upstream.usage)),
  };
}
