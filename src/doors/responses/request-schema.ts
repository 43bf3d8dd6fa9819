/**
 * The inbound contract of POST /v1/responses: OpenAI's `ResponseCreateParams` (openai-node v6,
 * src/resources/responses/responses.ts; https://platform.openai.com/docs/api-reference/responses/create).
 * Loose on purpose: unknown fields are kept, because a native OpenAI/Azure deployment gets the body
 * as the client sent it. `input` items and `tools` are checked one by one while translating
 * (item-schemas.ts, tool-schemas.ts), so an item type this gateway does not know still passes natively.
 */
import { z } from 'zod';
import { modelNameSchema } from '../../core/model-name.js';

/** Function names as every provider accepts them (OpenAI's own rule for function tools). */
export const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
export const functionNameSchema = z.string().regex(FUNCTION_NAME, 'must match ^[a-zA-Z0-9_-]{1,64}$');

const typedObject = z.looseObject({ type: z.string() });

const textFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    name: functionNameSchema,
    schema: z.record(z.string(), z.unknown()),
    description: z.string().optional(),
    strict: z.boolean().nullish(),
  }),
]);

export const responsesBodySchema = z.looseObject({
  model: modelNameSchema.optional(),
  /** Switchyard extension (as on /v1/chat/completions): fallback models tried in order after `model`. */
  models: z.array(modelNameSchema).max(10).optional(),
  input: z.union([z.string(), z.array(z.looseObject({}))]).optional(),
  instructions: z.string().nullish(),
  tools: z.array(typedObject).optional(),
  tool_choice: z.union([z.enum(['none', 'auto', 'required']), typedObject]).optional(),
  parallel_tool_calls: z.boolean().nullish(),
  reasoning: z
    .looseObject({
      effort: z.string().nullish(),
      summary: z.string().nullish(),
      generate_summary: z.string().nullish(),
    })
    .nullish(),
  text: z
    .looseObject({
      format: textFormatSchema.optional(),
      verbosity: z.enum(['low', 'medium', 'high']).nullish(),
    })
    .optional(),
  max_output_tokens: z.number().int().min(1).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  metadata: z.record(z.string().max(64), z.string().max(512)).nullish(),
  user: z.string().optional(),
  safety_identifier: z.string().optional(),
  service_tier: z.string().nullish(),
  store: z.boolean().nullish(),
  stream: z.boolean().nullish(),
  include: z.array(z.string()).nullish(),
  truncation: z.enum(['auto', 'disabled']).nullish(),
  previous_response_id: z.string().nullish(),
  background: z.boolean().nullish(),
  conversation: z.union([z.string(), z.looseObject({})]).nullish(),
  prompt_cache_key: z.string().optional(),
});

export type ResponsesBody = z.infer<typeof responsesBodySchema>;
export type TextFormat = z.infer<typeof textFormatSchema>;
