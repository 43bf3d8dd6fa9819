/**
 * OpenAI embeddings wire, as api.openai.com sends it: one vector per input, as floats or as the
 * base64 of little-endian float32 (what the openai SDK asks for by default). Vectors are computed
 * once per size and format, so an answer costs a string join.
 * https://platform.openai.com/docs/api-reference/embeddings/create
 */
import { isObject, numberField, stringField } from './json-fields.js';

/** text-embedding-3-small's size when the request sets no `dimensions`. */
const defaultDimensions = 1536;
const maxDimensions = 4096;
const vectors = new Map<string, string>();

function vectorJson(dimensions: number, base64: boolean): string {
  const key = `${dimensions}/${base64 ? 'base64' : 'float'}`;
  const cached = vectors.get(key);
  if (cached !== undefined) return cached;
  const values = Float32Array.from({ length: dimensions }, (_, position) => Math.sin(position + 1) / 10);
  const json = base64 ? JSON.stringify(Buffer.from(values.buffer).toString('base64')) : `[${Array.from(values).join(',')}]`;
  vectors.set(key, json);
  return json;
}

/** How many vectors a request asks for: a string or a token array is one, a list is one each. */
function inputCount(input: unknown): number {
  if (!Array.isArray(input)) return typeof input === 'string' ? 1 : 0;
  return input.length > 0 && typeof input[0] === 'number' ? 1 : input.length;
}

/** The answer body, or undefined when there is nothing to embed. */
export function embeddingsResponse(body: unknown): string | undefined {
  const count = isObject(body) ? inputCount(body.input) : 0;
  if (count === 0) return undefined;
  const dimensions = Math.max(1, Math.min(maxDimensions, Math.round(numberField(body, 'dimensions') ?? defaultDimensions)));
  const vector = vectorJson(dimensions, stringField(body, 'encoding_format') === 'base64');
  const data: string[] = [];
  for (let index = 0; index < count; index += 1) data.push(`{"object":"embedding","index":${index},"embedding":${vector}}`);
  const tokens = 8 * count;
  const model = JSON.stringify(stringField(body, 'model') ?? 'text-embedding-3-small');
  return `{"object":"list","data":[${data.join(',')}],"model":${model},"usage":{"prompt_tokens":${tokens},"total_tokens":${tokens}}}`;
}
