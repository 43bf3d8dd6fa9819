/** Loose schemas for what OpenAI-compatible upstreams send; validated at the boundary. */
import { z } from 'zod';

const toolCall = z.looseObject({
  index: z.number().int().nonnegative().optional(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});
export type UpstreamToolCall = z.infer<typeof toolCall>;

const message = z.looseObject({
  role: z.string().nullish(),
  content: z.union([z.string(), z.array(z.unknown())]).nullish(),
  refusal: z.string().nullish(),
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
  tool_calls: z.array(toolCall).nullish(),
});
export type UpstreamMessage = z.infer<typeof message>;

export const upstreamCompletionSchema = z.looseObject({
  id: z.string().nullish(),
  created: z.number().nullish(),
  model: z.string().nullish(),
  system_fingerprint: z.string().nullish(),
  service_tier: z.string().nullish(),
  choices: z.array(
    z.looseObject({
      index: z.number().int().nonnegative().optional(),
      message,
      finish_reason: z.string().nullish(),
      logprobs: z.unknown().optional(),
    }),
  ),
  usage: z.unknown().optional(),
});

export const upstreamChunkSchema = z.looseObject({
  id: z.string().nullish(),
  created: z.number().nullish(),
  model: z.string().nullish(),
  system_fingerprint: z.string().nullish(),
  service_tier: z.string().nullish(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().int().nonnegative().optional(),
        delta: message.nullish(),
        finish_reason: z.string().nullish(),
        logprobs: z.unknown().optional(),
      }),
    )
    .nullish(),
  usage: z.unknown().optional(),
  x_groq: z.looseObject({ usage: z.unknown().optional() }).nullish(),
  error: z.unknown().optional(),
});
export type UpstreamChunk = z.infer<typeof upstreamChunkSchema>;

/** Text content may arrive as an array of parts (Magistral `thinking` parts): keep the text, split reasoning. */
export function splitContent(content: string | unknown[] | null | undefined): { text: string | null; reasoning: string } {
  if (content === null || content === undefined) return { text: null, reasoning: '' };
  if (typeof content === 'string') return { text: content, reasoning: '' };
  let text = '';
  let reasoning = '';
  for (const part of content) {
    if (typeof part !== 'object' || part === null) continue;
    const record = part as Record<string, unknown>;
    if (record.type === 'text' && typeof record.text === 'string') text += record.text;
    if (record.type === 'thinking') {
      const thinking = record.thinking;
      if (typeof thinking === 'string') reasoning += thinking;
      else if (Array.isArray(thinking)) {
        for (const inner of thinking) {
          if (typeof inner === 'object' && inner !== null && typeof (inner as Record<string, unknown>).text === 'string') {
            reasoning += (inner as Record<string, unknown>).text as string;
          }
        }
      }
    }
  }
  return { text, reasoning };
}
