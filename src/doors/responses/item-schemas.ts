/**
 * The `input` items the gateway can translate, each checked when its turn comes (convert-input.ts):
 * messages (easy or full form), function calls and their outputs, and reasoning items; and the
 * image and file content parts (convert-content.ts). Shapes as in openai-node v6 `ResponseInputItem`
 * (https://platform.openai.com/docs/api-reference/responses/create#responses-create-input).
 */
import { z } from 'zod';

export const inputImagePart = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string().min(1).nullish(),
  file_id: z.string().nullish(),
  detail: z.enum(['low', 'high', 'auto', 'original']).nullish(),
});
export const inputFilePart = z.looseObject({
  type: z.literal('input_file'),
  file_data: z.string().nullish(),
  file_id: z.string().nullish(),
  file_url: z.string().nullish(),
  filename: z.string().nullish(),
});
/** Parts are checked one by one (convert-content.ts): a type unknown here may still be OpenAI's. */
const typedPart = z.looseObject({ type: z.string() });

export const messageItemSchema = z.looseObject({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(typedPart).min(1, 'content must not be an empty array')]),
});
export type MessageInputItem = z.infer<typeof messageItemSchema>;

export const functionCallItemSchema = z.looseObject({
  type: z.literal('function_call'),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
  namespace: z.string().nullish(),
});

export const functionCallOutputItemSchema = z.looseObject({
  type: z.literal('function_call_output'),
  call_id: z.string().min(1),
  output: z.union([z.string(), z.array(typedPart)]),
});

export const reasoningItemSchema = z.looseObject({
  type: z.literal('reasoning'),
  summary: z.array(z.looseObject({ text: z.string() })).optional(),
  encrypted_content: z.string().nullish(),
});
