/**
 * Embeddings answers for the fake upstream, scripted through its `decide` hook (the fake itself speaks
 * chat): OpenAI-compatible `…/embeddings` and Gemini `…:batchEmbedContents`. Vectors are a pure
 * function of the input text and its position, so tests can compute what the client must receive.
 */
import { z } from 'zod';
import type { Behaviour, ReceivedRequest } from './fake-upstream.js';

/** Without `dimensions`, vectors have this many values. */
export const DEFAULT_DIMENSIONS = 4;
/** Prompt tokens the fake OpenAI-compatible upstream reports per input. */
export const TOKENS_PER_INPUT = 5;

/** The vector the fake returns for one input (a function of its content only, so order is checkable): decimals that float32 cannot hold exactly. */
export function fakeVector(input: string | readonly number[], dimensions = DEFAULT_DIMENSIONS): number[] {
  let hash = 7;
  const units = typeof input === 'string' ? Array.from(input, (character) => character.codePointAt(0) ?? 0) : input;
  for (const unit of units) hash = (hash * 31 + unit) % 100_003;
  return Array.from({ length: dimensions }, (_, position) => Number((hash / 100_003 - position * 0.0123456789).toFixed(10)));
}

export function float32Base64(values: readonly number[]): string {
  const floats = Float32Array.from(values);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}

type Input = string | number[];

function inputsOf(body: Record<string, unknown>): Input[] {
  const input = body.input;
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) return [];
  if (typeof input[0] === 'number') return [input.filter((value): value is number => typeof value === 'number')];
  return input.filter((item): item is Input => typeof item === 'string' || Array.isArray(item));
}

export function openAIEmbeddingsBody(received: ReceivedRequest, options: { usage?: boolean } = {}): Record<string, unknown> {
  const inputs = inputsOf(received.body);
  const requested = received.body.dimensions ?? received.body.output_dimension;
  const dimensions = typeof requested === 'number' ? requested : DEFAULT_DIMENSIONS;
  const base64 = received.body.encoding_format === 'base64';
  return {
    object: 'list',
    data: inputs.map((input, index) => {
      const vector = fakeVector(input, dimensions);
      return { object: 'embedding', index, embedding: base64 ? float32Base64(vector) : vector };
    }),
    model: String(received.body.model),
    ...(options.usage === false ? {} : { usage: { prompt_tokens: TOKENS_PER_INPUT * inputs.length, total_tokens: TOKENS_PER_INPUT * inputs.length } }),
  };
}

const geminiBatch = z.object({
  requests: z.array(z.object({ content: z.object({ parts: z.array(z.object({ text: z.string() })).length(1) }), outputDimensionality: z.number().optional() })),
});

/** Gemini's answer to one batchEmbedContents call. */
export function geminiBatchEmbedBody(received: ReceivedRequest): Record<string, unknown> {
  const { requests } = geminiBatch.parse(received.body);
  return {
    embeddings: requests.map((request) => ({ values: fakeVector(request.content.parts[0]?.text ?? '', request.outputDimensionality ?? DEFAULT_DIMENSIONS) })),
  };
}

export const isOpenAIEmbeddings = (received: ReceivedRequest): boolean => received.path.split('?')[0]?.endsWith('/embeddings') === true;
export const isGeminiBatchEmbed = (received: ReceivedRequest): boolean => received.path.includes(':batchEmbedContents');

/**
 * A `decide` hook answering every embeddings call (chat calls fall through to the fake's queue and
 * default). `failures` are served first, one per embeddings call, e.g. a 503 to be retried.
 */
export function embeddingsResponder(options: { failures?: Behaviour[]; usage?: boolean } = {}): (received: ReceivedRequest) => Behaviour | undefined {
  const failures = [...(options.failures ?? [])];
  return (received) => {
    if (!isOpenAIEmbeddings(received) && !isGeminiBatchEmbed(received)) return undefined;
    const failure = failures.shift();
    if (failure !== undefined) return failure;
    if (isGeminiBatchEmbed(received)) return { kind: 'raw', body: JSON.stringify(geminiBatchEmbedBody(received)) };
    return { kind: 'raw', body: JSON.stringify(openAIEmbeddingsBody(received, options)) };
  };
}
