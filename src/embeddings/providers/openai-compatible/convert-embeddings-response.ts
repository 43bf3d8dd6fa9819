/**
 * An OpenAI-shaped embeddings answer (https://platform.openai.com/docs/api-reference/embeddings/object)
 * → the canonical result: vectors in input order (by `index`; some servers list them out of order),
 * one per input, floats or — when asked for — base64 float32 strings. An upstream that reports no
 * usage (older Ollama, some self-hosted servers) is metered by estimate.
 */
import { upstreamError } from '../../../core/errors.js';
import { rawJsonOf } from '../../../core/raw-json.js';
import type { EmbeddingContext } from '../../embedding-adapter.js';
import type { EmbeddingRequest } from '../../embedding-request.js';
import type { EmbeddingResult, EmbeddingVector } from '../../embedding-result.js';
import { estimateEmbeddingTokens } from '../../estimate-embedding-tokens.js';
import { isFloat32Base64 } from '../../float32-base64.js';
import { isFloatVector } from '../../float-vector-schema.js';
import { isCount, isFields } from '../../../core/json-fields.js';

interface EmbeddingItem {
  index?: number;
  embedding: number[] | string;
}

interface OpenAIEmbeddings {
  data: EmbeddingItem[];
  model?: string;
  usage?: { prompt_tokens: number } | null;
}

export function convertOpenAICompatibleEmbeddingsResponse(
  body: unknown,
  request: EmbeddingRequest,
  context: EmbeddingContext,
  conformantVendor = false,
): EmbeddingResult {
  if (!isEmbeddingsBody(body)) throw upstreamError(`The upstream ${context.provider} answered with an embeddings body of an unexpected shape.`);
  const expected = request.input.items.length;
  const { data } = body;
  if (data.length !== expected) {
    throw upstreamError(`The upstream ${context.provider} returned ${data.length} embeddings for ${expected} inputs.`);
  }
  const vectors = new Array<EmbeddingVector | undefined>(expected);
  for (const [position, item] of data.entries()) {
    const index = item.index ?? position;
    if (index >= expected || vectors[index] !== undefined) throw upstreamError(`The upstream ${context.provider} returned embedding indexes that do not match the inputs.`);
    vectors[index] = toVector(item.embedding, context.provider);
  }
  const ordered: EmbeddingVector[] = [];
  for (const vector of vectors) {
    if (vector === undefined) throw upstreamError(`The upstream ${context.provider} returned embedding indexes that do not match the inputs.`);
    ordered.push(vector);
  }
  const usage = body.usage;
  const rawJson = conformantVendor && isOpenAIResponse(body, request) ? rawJsonOf(body as object) : undefined;
  return {
    vectors: ordered,
    model: body.model ?? context.upstreamModel,
    promptTokens: usage?.prompt_tokens ?? estimateEmbeddingTokens(request.input),
    estimated: usage === null || usage === undefined,
    ...(rawJson === undefined ? {} : { rawJson }),
  };
}


/**
 * The fields the conversion reads, checked by hand (a schema copied each item of every answer, and
 * the vectors are checked on their own below); anything else in the body is left alone.
 */
function isEmbeddingsBody(body: unknown): body is OpenAIEmbeddings {
  if (!isFields(body) || !Array.isArray(body.data)) return false;
  if (body.model !== undefined && typeof body.model !== 'string') return false;
  const usage = body.usage;
  if (usage !== undefined && usage !== null && !(isFields(usage) && isCount(usage.prompt_tokens))) return false;
  for (const item of body.data as unknown[]) {
    if (!isFields(item) || (item.index !== undefined && !isCount(item.index))) return false;
    const embedding = item.embedding;
    if (typeof embedding !== 'string' && !isFloatVector(embedding)) return false;
  }
  return true;
}


/**
 * Already the response the gateway would write (encode-embeddings-response.ts): a list of
 * embeddings in input order, each in the format the client asked for, the model and the usage. The
 * vectors themselves were checked above.
 */
function isOpenAIResponse(body: unknown, request: EmbeddingRequest): boolean {
  if (!isFields(body) || body.object !== 'list' || typeof body.model !== 'string' || !Array.isArray(body.data)) return false;
  const usage = body.usage;
  if (!isFields(usage) || !isCount(usage.prompt_tokens) || !isCount(usage.total_tokens)) return false;
  const wanted = request.encodingFormat === 'base64' ? 'string' : 'object';
  return body.data.every((item: unknown, position) => isFields(item) && item.object === 'embedding' && item.index === position && typeof item.embedding === wanted);
}

function toVector(embedding: number[] | string, provider: string): EmbeddingVector {
  if (typeof embedding !== 'string') return { format: 'float', values: embedding };
  if (!isFloat32Base64(embedding)) throw upstreamError(`The upstream ${provider} returned an embedding that is not base64 of float32 values.`);
  return { format: 'base64', data: embedding };
}
