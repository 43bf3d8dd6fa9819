import { z } from 'zod';
import { modelNameSchema } from './model-name.js';
import { reasoningDetailSchema } from './reasoning-details.js';

/**
 * The inbound contract: OpenAI Chat Completions (`ChatCompletionCreateParams`, openai-node
 * src/resources/chat/completions/completions.ts). Objects are loose on purpose: unknown fields
 * are kept so they can pass through to OpenAI-compatible upstreams.
 */

const textPart = z.looseObject({ type: z.literal('text'), text: z.string() });
const imagePart = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({
    url: z.string().min(1),
    detail: z.enum(['auto', 'low', 'high', 'original']).optional(),
  }),
});
const audioPart = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});
const filePart = z.looseObject({
  type: z.literal('file'),
  file: z.looseObject({
    file_data: z.string().optional(),
    file_id: z.string().optional(),
    filename: z.string().optional(),
  }),
});
const refusalPart = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

export const userContentPartSchema = z.discriminatedUnion('type', [textPart, imagePart, audioPart, filePart]);
export type UserContentPart = z.infer<typeof userContentPartSchema>;
export type TextPart = z.infer<typeof textPart>;

const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal('function').default('function'),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});
export type ToolCall = z.infer<typeof toolCallSchema>;

/** OpenAI refuses an empty content array ("expected an array with minimum length 1"); so do we. */
const nonEmpty = <T extends z.ZodType>(part: T) => z.array(part).min(1, 'content must not be an empty array');

const systemMessage = z.looseObject({
  role: z.enum(['system', 'developer']),
  content: z.union([z.string(), nonEmpty(textPart)]),
  name: z.string().optional(),
});
const userMessage = z.looseObject({
  role: z.literal('user'),
  content: z.union([z.string(), nonEmpty(userContentPartSchema)]),
  name: z.string().optional(),
});
const assistantMessage = z.looseObject({
  role: z.literal('assistant'),
  content: z.union([z.string(), nonEmpty(z.discriminatedUnion('type', [textPart, refusalPart]))]).nullish(),
  name: z.string().optional(),
  refusal: z.string().nullish(),
  tool_calls: z.array(toolCallSchema).optional(),
  /** Provider reasoning echoed back by clients (DeepSeek, Ark). */
  reasoning_content: z.string().nullish(),
  /** Signed/encrypted reasoning to replay (Anthropic thinking signatures, Gemini thought signatures). */
  reasoning_details: z.array(reasoningDetailSchema).nullish(),
});
const toolMessage = z.looseObject({
  role: z.literal('tool'),
  content: z.union([z.string(), nonEmpty(textPart)]),
  tool_call_id: z.string().min(1),
});
const functionMessage = z.looseObject({
  role: z.literal('function'),
  content: z.string().nullable(),
  name: z.string(),
});

export const messageSchema = z.discriminatedUnion('role', [
  systemMessage,
  userMessage,
  assistantMessage,
  toolMessage,
  functionMessage,
]);
export type ChatMessage = z.infer<typeof messageSchema>;
export type AssistantMessage = z.infer<typeof assistantMessage>;

const functionName = z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must match ^[a-zA-Z0-9_-]{1,64}$');

const functionTool = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: functionName,
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});
const customTool = z.looseObject({ type: z.literal('custom'), custom: z.looseObject({ name: z.string() }) });
export const toolSchema = z.discriminatedUnion('type', [functionTool, customTool]);
export type Tool = z.infer<typeof toolSchema>;

const toolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
  z.looseObject({
    type: z.literal('allowed_tools'),
    allowed_tools: z.looseObject({ mode: z.enum(['auto', 'required']), tools: z.array(z.unknown()) }),
  }),
  z.looseObject({ type: z.literal('custom'), custom: z.looseObject({ name: z.string() }) }),
]);
export type ToolChoice = z.infer<typeof toolChoiceSchema>;

const responseFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({
      name: functionName,
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);
export type ResponseFormat = z.infer<typeof responseFormatSchema>;

export const chatRequestSchema = z
  .looseObject({
    model: modelNameSchema.optional(),
    /** Switchyard extension (as OpenRouter accepts): fallback models tried in order after `model`. */
    models: z.array(modelNameSchema).max(10).optional(),
    messages: z.array(messageSchema).min(1, 'messages must contain at least one message'),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    n: z.number().int().min(1).max(128).nullish(),
    stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
    max_tokens: z.number().int().min(1).nullish(),
    max_completion_tokens: z.number().int().min(1).nullish(),
    presence_penalty: z.number().min(-2).max(2).nullish(),
    frequency_penalty: z.number().min(-2).max(2).nullish(),
    logit_bias: z.record(z.string(), z.number().min(-100).max(100)).nullish(),
    logprobs: z.boolean().nullish(),
    top_logprobs: z.number().int().min(0).max(20).nullish(),
    seed: z.number().int().nullish(),
    user: z.string().optional(),
    response_format: responseFormatSchema.optional(),
    tools: z.array(toolSchema).optional(),
    tool_choice: toolChoiceSchema.optional(),
    parallel_tool_calls: z.boolean().optional(),
    stream: z.boolean().nullish(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
    reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']).nullish(),
    metadata: z.record(z.string().max(64), z.string().max(512)).nullish(),
    modalities: z.array(z.enum(['text', 'audio'])).min(1).nullish(),
  })
  .superRefine((request, context) => {
    if (request.top_logprobs != null && request.logprobs !== true) {
      context.addIssue({ code: 'custom', path: ['top_logprobs'], message: 'top_logprobs requires logprobs: true' });
    }
    if (request.stream_options != null && request.stream !== true) {
      context.addIssue({
        code: 'custom',
        path: ['stream_options'],
        message: 'stream_options is only allowed when stream is true',
      });
    }
    const choice = request.tool_choice;
    if (typeof choice === 'object' && choice.type === 'function') {
      const names = (request.tools ?? []).map((tool) => (tool.type === 'function' ? tool.function.name : tool.custom.name));
      if (!names.includes(choice.function.name)) {
        context.addIssue({
          code: 'custom',
          path: ['tool_choice'],
          message: `tool_choice names the function \`${choice.function.name}\`, which is not in tools`,
        });
      }
    }
    if (choice === 'required' && (request.tools ?? []).length === 0) {
      context.addIssue({ code: 'custom', path: ['tool_choice'], message: 'tool_choice "required" needs at least one tool' });
    }
  });

export type ChatRequest = z.infer<typeof chatRequestSchema>;
