/**
 * A Gemini thought signature carried inside the tool-call id the gateway hands out
 * (https://ai.google.dev/gemini-api/docs/thought-signatures; protocols.md C.4). Most SDKs and
 * frameworks replay an assistant message as `role`, `content` and `tool_calls` only, dropping
 * `reasoning_details`; the id is the one field every client must echo (the tool message answers it),
 * so the signature survives there and the next request can put it back on its functionCall part.
 *
 * Format: `<id>__thought__<signature as unpadded base64url>` (the separator LiteLLM uses). Gemini's
 * signatures are standard base64 (`+/=`); base64url is the same 6 bits a character, so the id grows
 * by no more than it must, and it matches `^[A-Za-z0-9_-]+$`, which Anthropic requires of tool_use ids.
 * Only the characters are translated, nothing is decoded: the round trip is exact for any padded
 * standard base64 text. A signature of another shape is not embedded (it still rides in
 * `reasoning_details`).
 */

const SEPARATOR = '__thought__';
const STANDARD_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const URL_SAFE_BASE64 = /^[A-Za-z0-9_-]+$/;

/** `id` with `signature` appended, or `id` unchanged when the signature cannot be carried losslessly. */
export function embedThoughtSignature(id: string, signature: string): string {
  if (id === '' || id.includes(SEPARATOR)) return id;
  if (signature.length % 4 !== 0 || !STANDARD_BASE64.test(signature)) return id;
  const urlSafe = signature.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  return `${id}${SEPARATOR}${urlSafe}`;
}

/** The signature carried by an id from embedThoughtSignature; undefined for any other id. */
export function thoughtSignatureFromId(id: string): string | undefined {
  const at = id.indexOf(SEPARATOR);
  if (at <= 0) return undefined;
  const urlSafe = id.slice(at + SEPARATOR.length);
  // Unpadded base64 never leaves one character over (4n+1 is not a length it can have).
  if (!URL_SAFE_BASE64.test(urlSafe) || urlSafe.length % 4 === 1) return undefined;
  const standard = urlSafe.replaceAll('-', '+').replaceAll('_', '/');
  return standard.padEnd(Math.ceil(standard.length / 4) * 4, '=');
}
