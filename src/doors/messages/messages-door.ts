/**
 * Anthropic's Messages API (`POST /v1/messages`, https://docs.claude.com/en/api/messages) as a door:
 * the body is validated and translated to the canonical request for routing, limits and the
 * adapters; answers from OpenAI-format and Gemini deployments are encoded back into a `Message` or
 * Anthropic's event stream; Claude deployments get the client's body natively. Errors use
 * Anthropic's shape. What translation cannot carry is refused only for translated attempts.
 */
import type { DoorCodec } from '../door.js';
import type { AnthropicInbound } from './anthropic-inbound.js';
import { encodeMessagesResponse } from './encode-messages-response.js';
import { messagesErrorBody, messagesStreamError } from './messages-errors.js';
import { messagesNativeWire } from './messages-native-wire.js';
import { createMessagesStreamEncoder } from './messages-stream-encoder.js';
import { parseMessagesRequest } from './parse-messages-request.js';
import { translateMessagesRequest } from './translate-messages-request.js';
import { refusalError } from './translation-refusals.js';

export type { AnthropicInbound } from './anthropic-inbound.js';

export const messagesDoor: DoorCodec<AnthropicInbound> = {
  name: 'messages',
  decode(body) {
    const parsed = parseMessagesRequest(body);
    if (!parsed.ok) throw parsed.error;
    const { request, refusals } = translateMessagesRequest(parsed.request, parsed.raw);
    return { request, inbound: { raw: parsed.raw, request: parsed.request, refusals } };
  },
  encodeResponse: (completion, inbound, context) => encodeMessagesResponse(completion, inbound.request.model, context),
  createStreamEncoder: (inbound, context) => createMessagesStreamEncoder(inbound.request.model, context),
  errorBody: messagesErrorBody,
  streamError: messagesStreamError,
  native: messagesNativeWire,
  assertTranslatable(inbound) {
    const refusal = refusalError(inbound.refusals);
    if (refusal !== null) throw refusal;
  },
};
