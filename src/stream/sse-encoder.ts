/** The one place that frames OpenAI SSE: chunks, the mid-stream error event and `[DONE]`. */
import type { ChatCompletionChunk } from '../core/chat-response.js';
import { toEnvelope, type GatewayError } from '../core/errors.js';
import { rawJsonOf } from './raw-chunk.js';

export const SSE_DONE = 'data: [DONE]\n\n';

export function encodeChunk(chunk: ChatCompletionChunk): string {
  return `data: ${rawJsonOf(chunk) ?? JSON.stringify(chunk)}\n\n`;
}

/**
 * One stream's encoder (the chat door makes one per stream): several chunks in one string, so that
 * what arrived in one upstream read leaves in one write. Most translated chunks are a plain
 * content delta; for those, the part before the text — the same id, created and model all stream
 * long — is made once and the chunk is written with one JSON.stringify of its text instead of one of
 * the whole object. The text is what `encodeChunk` writes, to the byte.
 */
export function createChunkEncoder(): (chunks: readonly ChatCompletionChunk[]) => string {
  let head = '';
  let headId = '';
  let headCreated = -1;
  let headModel = '';
  return (chunks) => {
    let out = '';
    for (const chunk of chunks) {
      const text = plainContent(chunk);
      if (text === undefined) {
        out += encodeChunk(chunk);
        continue;
      }
      if (chunk.id !== headId || chunk.created !== headCreated || chunk.model !== headModel) {
        headId = chunk.id;
        headCreated = chunk.created;
        headModel = chunk.model;
        head = `data: {"id":${JSON.stringify(headId)},"object":"chat.completion.chunk","created":${headCreated},"model":${JSON.stringify(headModel)},"choices":[{"index":0,"delta":{"content":`;
      }
      out += `${head}${JSON.stringify(text)}},"logprobs":null,"finish_reason":null}]}\n\n`;
    }
    return out;
  };
}

/** The text of a chunk that is exactly `{id, object, created, model, choices: [{index: 0, delta: {content}, logprobs: null, finish_reason: null}]}`, in that order. */
function plainContent(chunk: ChatCompletionChunk): string | undefined {
  if (rawJsonOf(chunk) !== undefined || chunk.choices.length !== 1 || Object.keys(chunk).length !== 5) return undefined;
  const choice = chunk.choices[0];
  if (choice === undefined || choice.index !== 0 || choice.logprobs !== null || choice.finish_reason !== null || Object.keys(choice).length !== 4) return undefined;
  const delta = choice.delta;
  const content = delta.content;
  return typeof content === 'string' && Object.keys(delta).length === 1 ? content : undefined;
}

export function encodeError(error: GatewayError): string {
  return `data: ${JSON.stringify(toEnvelope(error))}\n\n`;
}

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};
