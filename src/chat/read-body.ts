/** Reads an upstream body as text, refusing more than `maxBytes` (a broken or hostile upstream). */
import { upstreamError } from '../core/errors.js';

export async function readBodyText(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw upstreamError(`The upstream answer is larger than ${maxBytes} bytes.`);
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
