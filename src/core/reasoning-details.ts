/**
 * How signed reasoning rides along in the OpenAI format. Anthropic thinking blocks carry a
 * `signature` (and `redacted_thinking` an opaque `data`); Gemini attaches `thoughtSignature`s to parts.
 * Both must come back verbatim on the next request of a tool conversation. Switchyard uses the
 * `reasoning_details` array that OpenRouter introduced (on `message` and on stream `delta`), which
 * OpenAI clients keep when they append the assistant message to the history:
 *   {type: "reasoning.text", text, signature?, format, index}       — a thinking block
 *   {type: "reasoning.encrypted", data, format, index, id?}          — redacted thinking / a Gemini signature
 * `id` ties a Gemini signature to the tool call it belongs to. `format` names the provider dialect
 * ("anthropic-claude-v1", "google-gemini-v1") so a detail is only replayed to the provider that made it.
 */
import { z } from 'zod';

export const reasoningDetailSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('reasoning.text'),
    text: z.string(),
    signature: z.string().nullish(),
    format: z.string().nullish(),
    index: z.number().int().nonnegative().optional(),
  }),
  z.looseObject({
    type: z.literal('reasoning.encrypted'),
    data: z.string(),
    format: z.string().nullish(),
    index: z.number().int().nonnegative().optional(),
    id: z.string().nullish(),
  }),
  z.looseObject({
    type: z.literal('reasoning.summary'),
    summary: z.string(),
    format: z.string().nullish(),
    index: z.number().int().nonnegative().optional(),
  }),
]);

export type ReasoningDetail = z.infer<typeof reasoningDetailSchema>;
