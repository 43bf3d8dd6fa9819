/**
 * The inbound `POST /v1/embeddings` body, OpenAI's `EmbeddingCreateParams`
 * (https://platform.openai.com/docs/api-reference/embeddings/create): `input` is one string, a list
 * of strings, one token-id array or a list of token-id arrays; at most 2048 inputs, none empty.
 * Validated here once, then normalised so adapters never look at the union again.
 */
import { z } from 'zod';
import { invalidJson, invalidRequest, type GatewayError } from '../core/errors.js';
import { modelNameSchema } from '../core/model-name.js';
import { describeIssue } from '../core/describe-issue.js';

/** OpenAI's own limit on the number of inputs in one request. */
export const MAX_EMBEDDING_INPUTS = 2048;

export type EncodingFormat = 'float' | 'base64';

/** The inputs, normalised to a list; `sent` is the value as the client sent it (forwarded as is). */
export type EmbeddingInput =
  | { kind: 'text'; items: readonly string[]; sent: string | string[] }
  | { kind: 'tokens'; items: readonly (readonly number[])[]; sent: number[] | number[][] };

export interface EmbeddingRequest {
  model: string;
  input: EmbeddingInput;
  encodingFormat: EncodingFormat;
  dimensions: number | null;
  user: string | null;
  /** Switchyard extension (as in chat): fallback models tried in order after `model`. */
  models: readonly string[];
  /** Fields this gateway does not know: forwarded to OpenAI-compatible upstreams untouched. */
  extra: Readonly<Record<string, unknown>>;
}

const envelope = z.looseObject({
  model: modelNameSchema,
  input: z.unknown(),
  encoding_format: z.enum(['float', 'base64']).nullish(),
  dimensions: z.number().int().positive().max(65_536).nullish(),
  user: z.string().nullish(),
  models: z.array(modelNameSchema).max(10).optional(),
});

/** Far above any embedding model's context (8192 for OpenAI's); bounds the work a hostile body causes. */
const MAX_TOKENS_PER_INPUT = 1_000_000;

const text = z.string().min(1, 'an input string must not be empty');
// A loop, not `z.array(z.number().int())`: a 32 MB body can hold millions of token ids, and a schema
// per element would hold the event loop for most of a second (measured: ~600 ms for 8M ids).
const tokenIds = z
  .custom<number[]>((value) => Array.isArray(value) && value.every((id) => Number.isSafeInteger(id) && id >= 0), {
    message: 'token ids are non-negative integers',
  })
  .refine((ids) => ids.length > 0, 'a token array must not be empty');
const listOf = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1, 'input must not be an empty list').max(MAX_EMBEDDING_INPUTS, `at most ${MAX_EMBEDDING_INPUTS} inputs fit in one request`);
const singleTokenInput = tokenIds.refine((ids) => ids.length <= MAX_TOKENS_PER_INPUT, `a token array holds at most ${MAX_TOKENS_PER_INPUT} tokens`);
const textList = listOf(text);
const tokenLists = listOf(tokenIds);

const KNOWN = new Set(['model', 'input', 'encoding_format', 'dimensions', 'user', 'models']);

export type ParsedEmbeddingRequest = { ok: true; request: EmbeddingRequest } | { ok: false; error: GatewayError };

export function parseEmbeddingRequest(body: unknown): ParsedEmbeddingRequest {
  if (body === undefined) return { ok: false, error: invalidJson('the body is empty') };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: invalidRequest('The request body must be a JSON object.') };
  }
  const parsed = envelope.safeParse(body);
  if (!parsed.success) return { ok: false, error: describeIssue(parsed.error.issues) };
  const input = parseInput(parsed.data.input);
  if (!input.ok) return input;
  const extra: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(parsed.data)) if (!KNOWN.has(field)) extra[field] = value;
  return {
    ok: true,
    request: {
      model: parsed.data.model,
      input: input.input,
      encodingFormat: parsed.data.encoding_format ?? 'float',
      dimensions: parsed.data.dimensions ?? null,
      user: parsed.data.user ?? null,
      models: parsed.data.models ?? [],
      extra,
    },
  };
}

/**
 * The four shapes are told apart by the value's own type (and its first element's), so an error names
 * the exact element (`input[3]`) instead of "matches no branch of a union".
 */
function parseInput(value: unknown): { ok: true; input: EmbeddingInput } | { ok: false; error: GatewayError } {
  if (value === undefined || value === null) return { ok: false, error: invalidRequest("Missing required parameter: 'input'.", 'input') };
  if (typeof value === 'string') {
    const parsed = text.safeParse(value);
    return parsed.success ? { ok: true, input: { kind: 'text', items: [parsed.data], sent: parsed.data } } : { ok: false, error: describeIssue(parsed.error.issues, { prefix: ['input'] }) };
  }
  if (!Array.isArray(value)) {
    return { ok: false, error: invalidRequest("Invalid value for 'input': expected a string, a list of strings, or token arrays.", 'input') };
  }
  const first: unknown = value[0];
  if (typeof first === 'number') {
    const parsed = singleTokenInput.safeParse(value);
    return parsed.success ? { ok: true, input: { kind: 'tokens', items: [parsed.data], sent: parsed.data } } : { ok: false, error: describeIssue(parsed.error.issues, { prefix: ['input'] }) };
  }
  if (Array.isArray(first)) {
    const parsed = tokenLists.safeParse(value);
    return parsed.success ? { ok: true, input: { kind: 'tokens', items: parsed.data, sent: parsed.data } } : { ok: false, error: describeIssue(parsed.error.issues, { prefix: ['input'] }) };
  }
  const parsed = textList.safeParse(value);
  return parsed.success ? { ok: true, input: { kind: 'text', items: parsed.data, sent: parsed.data } } : { ok: false, error: describeIssue(parsed.error.issues, { prefix: ['input'] }) };
}

