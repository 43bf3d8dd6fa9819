/** Reads an upstream body as text, refusing more than `maxBytes` (a broken or hostile upstream). */
import { upstreamError } from '../core/errors.js';
import type { UpstreamResponse } from '../http/upstream-client.js';

export async function readBodyText(response: Pick<UpstreamResponse, 'body' | 'headers'>, maxBytes: number): Promise<string> {
  const { body } = response;
  // A declared length within the limit (the parser reads no further): undici's own reader, without
  // an async iterator per answer.
  const declared = response.headers['content-length'];
  if (typeof declared === 'string' && Number(declared) <= maxBytes) return body.text();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw upstreamError(`The upstream answer is larger than ${maxBytes} bytes.`);
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
