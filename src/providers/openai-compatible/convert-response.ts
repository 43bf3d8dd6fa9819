/** A non-streamed OpenAI-compatible answer → a ChatCompletion that conforms to OpenAI's schema. */
import type { AssistantOutputMessage, ChatCompletion } from '../../core/chat-response.js';
import type { ToolCall } from '../../core/chat-request.js';
import { upstreamError } from '../../core/errors.js';
import type { AdapterContext } from '../adapter.js';
import { isConformantVendor } from '../vendors.js';
import { isConformantCompletion } from './conformant-completion.js';
import { mapFinishReason } from './map-finish-reason.js';
import { normalizeUsage } from './normalize-usage.js';
import { splitContent, upstreamCompletionSchema, type UpstreamMessage } from './upstream-schema.js';

export function convertOpenAICompatibleResponse(body: unknown, context: AdapterContext): ChatCompletion {
  if (isConformantVendor(context.providerType) && isConformantCompletion(body)) return body;
  const parsed = upstreamCompletionSchema.safeParse(body);
  if (!parsed.success) throw upstreamError('The upstream answered with a body that is not a chat completion.');
  const upstream = parsed.data;
  const completion: ChatCompletion = {
    id: upstream.id || context.newId('chatcmpl'),
    object: 'chat.completion',
    created: upstream.created ?? context.now(),
    model: upstream.model || context.upstreamModel,
    choices: upstream.choices.map((choice, position) => {
      const message = convertMessage(choice.message, context);
      return {
        index: choice.index ?? position,
        message,
        logprobs: choice.logprobs ?? null,
        finish_reason: mapFinishReason(choice.finish_reason, (message.tool_calls?.length ?? 0) > 0),
      };
    }),
  };
  const usage = normalizeUsage(upstream.usage);
  if (usage !== undefined) completion.usage = usage;
  if (upstream.system_fingerprint != null) completion.system_fingerprint = upstream.system_fingerprint;
  if (upstream.service_tier != null) completion.service_tier = upstream.service_tier;
  return completion;
}

function convertMessage(message: UpstreamMessage, context: AdapterContext): AssistantOutputMessage {
  const { text, reasoning: inlineReasoning } = splitContent(message.content);
  const out: AssistantOutputMessage = { role: 'assistant', content: text, refusal: message.refusal ?? null };
  const reasoning = message.reasoning_content || message.reasoning || inlineReasoning;
  if (reasoning) out.reasoning_content = reasoning;
  const toolCalls: ToolCall[] = (message.tool_calls ?? []).map((call) => ({
    id: call.id || context.newId('call'),
    type: 'function',
    function: { name: call.function?.name ?? '', arguments: call.function?.arguments || '{}' },
  }));
  if (toolCalls.length > 0) out.tool_calls = toolCalls;
  if (Array.isArray(message.annotations)) out.annotations = message.annotations;
  return out;
}
