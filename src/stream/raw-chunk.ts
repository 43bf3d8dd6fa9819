/**
 * A chunk forwarded byte for byte. When an upstream's chunk is already exactly what OpenAI would
 * send (a plain content delta from OpenAI itself), re-parsing and re-serialising it is pure cost:
 * the converter hands back a stand-in object that remembers the upstream JSON, and the SSE encoder
 * writes that JSON as it came.
 */
import type { ChatCompletionChunk } from '../core/chat-response.js';
import { rawJsonOf, withRawJson } from '../core/raw-json.js';

export { rawJsonOf };

export function rawChunk(json: string, base: Pick<ChatCompletionChunk, 'id' | 'created' | 'model'>): ChatCompletionChunk {
  return withRawJson({ id: base.id, object: 'chat.completion.chunk', created: base.created, model: base.model, choices: [] }, json);
}

const CONTENT = '"content":"';

/** Characters of text a chunk carries (content, reasoning, tool arguments), for partial-usage estimates. */
export function chunkTextLength(chunk: ChatCompletionChunk): number {
  const raw = rawJsonOf(chunk);
  if (raw !== undefined) return rawContentLength(raw);
  let length = 0;
  for (const choice of chunk.choices) {
    length += (choice.delta.content?.length ?? 0) + (choice.delta.reasoning_content?.length ?? 0);
    for (const call of choice.delta.tool_calls ?? []) length += call.function?.arguments?.length ?? 0;
  }
  return length;
}

/** The length of a raw chunk's `"content":"…"` string as written (escapes count as written: an estimate). */
function rawContentLength(raw: string): number {
  return quotedLength(raw, CONTENT);
}

/**
 * The length, as written, of the JSON string that opens at the end of `marker` (a key and its
 * opening quote, e.g. `"text":"`); 0 when the marker is not there. Escapes count as written: an
 * estimate of generated text, read without parsing the event.
 */
export function quotedLength(raw: string, marker: string): number {
  const open = raw.indexOf(marker);
  if (open === -1) return 0;
  const start = open + marker.length;
  for (let quote = raw.indexOf('"', start); quote !== -1; quote = raw.indexOf('"', quote + 1)) {
    let slashes = 0;
    while (raw.charCodeAt(quote - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) return quote - start;
  }
  return 0;
}
