/**
 * The one small chat answer every fake wire speaks: a realistic short reply and valid usage.
 * Stream pieces are precomputed so serving a chunk costs a string concat, not a tokenizer.
 */
export const answerText =
  'Paris is the capital of France. It sits on the Seine and has about two million inhabitants.';

const words = answerText.split(' ');

/** The `index`-th of `count` stream pieces; pieces concatenate to a prefix-cycle of the answer. */
export function answerPiece(index: number): string {
  const word = words[index % words.length] ?? '';
  return index === 0 ? word : ` ${word}`;
}

export const promptTokens = 24;

/** Completion tokens reported for a stream of `chunks` pieces (one token per piece). */
export function completionTokens(chunks: number): number {
  return chunks;
}

/** Completion tokens of the non-streamed answer. */
export const answerTokens = words.length;

/** Epoch seconds fixed at start-up: `created` fields need not tick. */
export const createdAt = Math.floor(Date.now() / 1000);
