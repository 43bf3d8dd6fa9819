/**
 * A canonical ChatCompletion → a Responses `Response`: a reasoning item (the provider's reasoning as
 * its summary, signed reasoning as `encrypted_content`), a message item with the text (and any
 * refusal), then one function_call item per tool call, in the order the Responses API uses.
 * Function calls of flattened namespace tools get their `name` + `namespace` back.
 */
import type { ChatCompletion } from '../../core/chat-response.js';
import type { DoorContext } from '../door.js';
import { buildResponse, responseIds, stateOf } from './build-response.js';
import { restoreToolName } from './namespace-tool-names.js';
import { encodeReasoningCarrier } from './reasoning-carrier.js';
import type { FunctionCallItem, OutputItem, OutputTextPart, RefusalPart, ResponseObject } from './response-types.js';
import type { ResponsesInbound } from './responses-inbound.js';

export function encodeResponse(completion: ChatCompletion, inbound: ResponsesInbound, context: DoorContext): ResponseObject {
  const ids = responseIds(context);
  const choice = completion.choices[0];
  const message = choice?.message;
  const state = stateOf(choice?.finish_reason ?? null);
  const output: OutputItem[] = [];

  const reasoning = message?.reasoning_content ?? '';
  const carrier = encodeReasoningCarrier(message?.reasoning_details ?? []);
  if (reasoning !== '' || carrier !== undefined) {
    output.push({
      id: ids.item('rs', output.length),
      type: 'reasoning',
      summary: reasoning === '' ? [] : [{ type: 'summary_text', text: reasoning }],
      ...(carrier === undefined ? {} : { encrypted_content: carrier }),
    });
  }
  const text = message?.content ?? '';
  const refusal = message?.refusal ?? null;
  const content: Array<OutputTextPart | RefusalPart> = [];
  if (text !== '') content.push({ type: 'output_text', text, annotations: [], logprobs: [] });
  if (refusal !== null) content.push({ type: 'refusal', refusal });
  if (content.length > 0) {
    output.push({ id: ids.item('msg', output.length), type: 'message', role: 'assistant', status: state.status === 'incomplete' ? 'incomplete' : 'completed', content });
  }
  for (const call of message?.tool_calls ?? []) {
    const item: FunctionCallItem = {
      id: ids.item('fc', output.length),
      type: 'function_call',
      status: 'completed',
      call_id: call.id,
      ...restoreToolName(call.function.name, inbound.names),
      arguments: call.function.arguments,
    };
    output.push(item);
  }
  const createdAt = context.now();
  return buildResponse(inbound, {
    id: ids.response,
    createdAt,
    model: completion.model,
    state,
    output,
    usage: completion.usage,
    completedAt: state.status === 'completed' ? createdAt : null,
  });
}
