/**
 * OpenAI Chat Completions, the canonical format itself: decoding is validation, encoding is the
 * identity, streams are `data:` chunks closed by `[DONE]`. Native passthrough to OpenAI-compatible
 * vendors lives in their adapter (src/providers/openai-compatible), which forwards a conformant
 * vendor's answers and streams as they came.
 */
import type { ChatRequest } from '../../core/chat-request.js';
import { toEnvelope } from '../../core/errors.js';
import { parseChatRequest } from '../../core/parse-chat-request.js';
import { rawJsonOf } from '../../core/raw-json.js';
import { createChunkEncoder, encodeError, SSE_DONE } from '../../stream/sse-encoder.js';
import type { DoorCodec } from '../door.js';

export const chatDoor: DoorCodec<ChatRequest> = {
  name: 'chat',
  decode(body) {
    const parsed = parseChatRequest(body);
    if (!parsed.ok) throw parsed.error;
    return { request: parsed.request, inbound: parsed.request };
  },
  // A conformant upstream's answer goes out as the very text it came in (src/core/raw-json.ts).
  encodeResponse: (completion) => rawJsonOf(completion) ?? completion,
  createStreamEncoder: () => ({
    push: createChunkEncoder(),
    end: () => SSE_DONE,
  }),
  errorBody: toEnvelope,
  streamError: encodeError,
  // A conformant vendor's answer and stream go out as the very text and bytes they came in
  // (openai-compatible/answer-passthrough.ts, stream-passthrough.ts).
  canonicalWire: true,
};
