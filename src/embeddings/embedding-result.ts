/** The canonical answer of an embeddings call, between the adapters and the OpenAI response encoder. */
import { decodeFloat32Base64, encodeFloat32Base64, float32Count } from './float32-base64.js';

/** One vector as the upstream sent it: numbers, or (from upstreams asked for base64) float32 bytes. */
export type EmbeddingVector = { format: 'float'; values: readonly number[] } | { format: 'base64'; data: string };

export interface EmbeddingResult {
  /** One per input, in the inputs' order. */
  vectors: EmbeddingVector[];
  /** The upstream model that answered. */
  model: string;
  promptTokens: number;
  /** The upstream reported no usage: `promptTokens` is an estimate (estimate-embedding-tokens.ts). */
  estimated: boolean;
  /** The upstream's answer text when it already is the OpenAI response the client gets (src/core/raw-json.ts). */
  rawJson?: string;
}

export function vectorLength(vector: EmbeddingVector): number {
  return vector.format === 'float' ? vector.values.length : (float32Count(vector.data) ?? 0);
}

export function asFloats(vector: EmbeddingVector): readonly number[] {
  if (vector.format === 'float') return vector.values;
  const values = decodeFloat32Base64(vector.data);
  if (values === null) throw new Error('a base64 vector that was validated does not decode');
  return values;
}

export function asBase64(vector: EmbeddingVector): string {
  return vector.format === 'base64' ? vector.data : encodeFloat32Base64(vector.values);
}
