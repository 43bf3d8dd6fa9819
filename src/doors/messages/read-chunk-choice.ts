/**
 * The first choice of a canonical chunk, whatever form it travels in. Chunks that OpenAI itself sent
 * as plain content deltas reach doors as stand-ins with `choices: []` whose JSON is kept aside
 * (src/stream/raw-chunk.ts: the chat door forwards them byte for byte); such a chunk is read back
 * from that JSON. Plain deltas carry only text (no tool calls, usage or finish reason).
 */
import { z } from 'zod';
import type { ChatCompletionChunk, ChunkChoice } from '../../core/chat-response.js';
import { rawJsonOf } from '../../stream/raw-chunk.js';

const plainDeltaSchema = z.looseObject({
  choices: z.array(
    z.looseObject({
      index: z.number().int().nonnegative(),
      delta: z.looseObject({
        content: z.string().nullish(),
        refusal: z.string().nullish(),
        reasoning_content: z.string().nullish(),
      }),
    }),
  ),
});

export function readChunkChoice(chunk: ChatCompletionChunk): ChunkChoice | undefined {
  const raw = rawJsonOf(chunk);
  if (raw === undefined) return chunk.choices.find((choice) => choice.index === 0);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = plainDeltaSchema.safeParse(json);
  const choice = parsed.success ? parsed.data.choices.find((candidate) => candidate.index === 0) : undefined;
  if (choice === undefined) return undefined;
  const { content, refusal, reasoning_content: reasoning } = choice.delta;
  return {
    index: 0,
    delta: {
      ...(typeof content === 'string' ? { content } : {}),
      ...(typeof refusal === 'string' ? { refusal } : {}),
      ...(typeof reasoning === 'string' ? { reasoning_content: reasoning } : {}),
    },
    logprobs: null,
    finish_reason: null,
  };
}
