/**
 * A native Claude answer names the upstream model (`claude-sonnet-4-5`); the client asked for the
 * gateway's name (`claude-4-5-sonnet`) and Anthropic's own API echoes the requested id. Claude Code
 * keeps signed thinking blocks in its history only when `model` is the model it asked for, so the
 * Message's `model` — and the stream's `message_start.message.model` — become the requested name.
 * Everything else stays byte for byte: the stream is the identity once `message_start` has passed.
 */

// Anthropic writes `model` before `content` (in a Message and in message_start), so the first
// `"model": "…"` key is the answer's own; a `"model"` inside a string value would be escaped.
const MODEL_FIELD = /"model"(\s*:\s*)"(?:[^"\\]|\\.)*"/;

export function renameAnswerModel(json: string, model: string): string {
  return json.replace(MODEL_FIELD, (_match, colon: string) => `"model"${colon}${JSON.stringify(model)}`);
}

/** Holds the stream's bytes until its first event with data is whole; renames it if it is message_start. */
export function createStreamModelRenamer(model: string): (bytes: Uint8Array) => Uint8Array {
  let pending = new Uint8Array(0);
  let passed = false;
  return (bytes) => {
    if (passed) return bytes;
    const joined = new Uint8Array(pending.length + bytes.length);
    joined.set(pending);
    joined.set(bytes, pending.length);
    let start = 0;
    for (let end = eventEnd(joined, start); end !== -1; end = eventEnd(joined, start)) {
      const event = new TextDecoder().decode(joined.subarray(start, end));
      if (!/^data:/m.test(event)) {
        start = end; // blank lines or comments before the first event: passed on as they are
        continue;
      }
      passed = true;
      if (!/"type"\s*:\s*"message_start"/.test(event)) return joined;
      const renamed = new TextEncoder().encode(renameAnswerModel(event, model));
      const out = new Uint8Array(start + renamed.length + joined.length - end);
      out.set(joined.subarray(0, start));
      out.set(renamed, start);
      out.set(joined.subarray(end), start + renamed.length);
      return out;
    }
    pending = joined.subarray(start);
    return joined.subarray(0, start);
  };
}

/** Where the SSE event starting at `from` ends (after its blank line; CR, LF or CRLF), or -1. */
function eventEnd(bytes: Uint8Array, from: number): number {
  let lineEmpty = true;
  for (let index = from; index < bytes.length; index++) {
    const code = bytes[index];
    if (code !== 10 && code !== 13) {
      lineEmpty = false;
      continue;
    }
    const next = code === 13 && bytes[index + 1] === 10 ? index + 1 : index;
    if (lineEmpty && index > from) return next + 1;
    lineEmpty = true;
    index = next;
  }
  return -1;
}
