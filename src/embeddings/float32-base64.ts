/**
 * `encoding_format: "base64"`: each vector as the bytes of little-endian float32 values, base64
 * encoded — what OpenAI sends and what the openai SDKs decode (openai-node `toFloat32Array`, which
 * the SDK applies by default since it asks for base64 unless told otherwise).
 */

export function encodeFloat32Base64(values: readonly number[]): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let index = 0; index < values.length; index++) view.setFloat32(index * 4, values[index] as number, true);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The float32 values of a base64 vector; null when the text is not base64 of whole float32s. */
export function decodeFloat32Base64(data: string): number[] | null {
  if (!isFloat32Base64(data)) return null;
  const bytes = Buffer.from(data, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Array<number>(bytes.byteLength / 4);
  for (let index = 0; index < values.length; index++) values[index] = view.getFloat32(index * 4, true);
  return values;
}

/**
 * Whether the text is canonical base64 of a whole number of float32 values: it decodes and encodes
 * back to itself. Node's decoder skips what is not base64, so anything else comes back different.
 * Native both ways, this is about 5× faster than a regular expression over the text (a 1,536-value
 * vector is 8 KB of base64, one per input of every embeddings call).
 */
export function isFloat32Base64(data: string): boolean {
  return data.length % 4 === 0 && float32Count(data) !== null && Buffer.from(data, 'base64').toString('base64') === data;
}

/** How many float32 values a (canonical) base64 text holds, without decoding it; null when not whole. */
export function float32Count(data: string): number | null {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  const bytes = (data.length / 4) * 3 - padding;
  return Number.isInteger(bytes) && bytes % 4 === 0 ? bytes / 4 : null;
}
