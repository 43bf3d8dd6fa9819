/**
 * OpenAI's Responses API (POST /v1/responses), stateless. A request decodes to the canonical
 * ChatRequest, so any provider can answer; OpenAI and Azure deployments get the body itself
 * (native-wire.ts). What the canonical request cannot carry (hosted tools other than web search,
 * OpenAI file ids, unknown item types, …) is kept as a loss and refused, as a 400 naming the
 * parameter, only when an attempt has to be translated (`assertTranslatable`).
 */
import { toEnvelope } from '../../core/errors.js';
import { parseChatRequest } from '../../core/parse-chat-request.js';
import type { DoorCodec } from '../door.js';
import { convertToChatRequest } from './convert-to-chat-request.js';
import { encodeResponse } from './encode-response.js';
import { responsesNativeWire } from './native-wire.js';
import { parseResponsesRequest } from './parse-responses-request.js';
import type { ResponsesInbound } from './responses-inbound.js';
import { createStreamEncoder } from './stream-encoder.js';
import { encodeStreamError } from './stream-error.js';

export const responsesDoor: DoorCodec<ResponsesInbound> = {
  name: 'responses',
  decode(raw) {
    const body = parseResponsesRequest(raw);
    const { request, names, losses } = convertToChatRequest(body);
    // The translation is checked by the canonical schema too: adapters rely on it.
    const canonical = parseChatRequest(request);
    if (!canonical.ok) throw canonical.error;
    return { request: canonical.request, inbound: { body, names, losses } };
  },
  encodeResponse,
  createStreamEncoder,
  errorBody: toEnvelope,
  streamError: encodeStreamError,
  native: responsesNativeWire,
  assertTranslatable(inbound) {
    const [loss] = inbound.losses;
    if (loss !== undefined) throw loss;
  },
};
