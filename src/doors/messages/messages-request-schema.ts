/**
 * The inbound contract of the Messages door: Anthropic's `POST /v1/messages` body
 * (https://docs.claude.com/en/api/messages; anthropic-sdk-typescript `MessageCreateParamsBase`,
 * shared/protocols.md B.2). Objects are loose and unknown content block, tool and thinking types are
 * accepted as `{type}`: native passthrough sends the body as the client wrote it, and translation
 * refuses what it cannot carry (translate-messages-request.ts). Known blocks are checked strictly, so
 * a malformed one is a 400 that names its path rather than an "unknown" block.
 * `temperature`, `top_p` and `top_k` follow `anthropic-version: 2023-06-01` (what Claude Code sends).
 */
import { z } from 'zod';
import { modelNameSchema } from '../../core/model-name.js';

/**
 * A fallback branch for types this door does not know (it never matches a known type, so a malformed
 * known block still fails): tagged `other` so that code can narrow on `type`; the client's own block
 * stays in the raw body for native passthrough.
 */
const otherType = (known: readonly string[]) =>
  z
    .looseObject({ type: z.string().refine((type) => !known.includes(type), 'is not valid for this type') })
    .transform((value) => ({ type: 'other' as const, actualType: value.type }));

const textBlock = z.looseObject({ type: z.literal('text'), text: z.string() });

const imageSource = z.union([
  z.looseObject({ type: z.literal('base64'), media_type: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp']), data: z.string().min(1) }),
  z.looseObject({ type: z.literal('url'), url: z.string().min(1) }),
  z.looseObject({ type: z.literal('file'), file_id: z.string().min(1) }),
  otherType(['base64', 'url', 'file']),
]);
const imageBlock = z.looseObject({ type: z.literal('image'), source: imageSource });

const documentSource = z.union([
  z.looseObject({ type: z.literal('base64'), media_type: z.literal('application/pdf'), data: z.string().min(1) }),
  z.looseObject({ type: z.literal('text'), media_type: z.literal('text/plain'), data: z.string() }),
  z.looseObject({ type: z.literal('content'), content: z.union([z.string(), z.array(z.union([textBlock, imageBlock, otherType(['text', 'image'])]))]) }),
  z.looseObject({ type: z.literal('url'), url: z.string().min(1) }),
  z.looseObject({ type: z.literal('file'), file_id: z.string().min(1) }),
  otherType(['base64', 'text', 'content', 'url', 'file']),
]);
const documentBlock = z.looseObject({
  type: z.literal('document'),
  source: documentSource,
  title: z.string().nullish(),
  context: z.string().nullish(),
  citations: z.looseObject({ enabled: z.boolean().optional() }).nullish(),
});

const toolResultContent = z.union([textBlock, imageBlock, documentBlock, otherType(['text', 'image', 'document'])]);
const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(toolResultContent)]).optional(),
  is_error: z.boolean().optional(),
});
const toolUseBlock = z.looseObject({ type: z.literal('tool_use'), id: z.string().min(1), name: z.string().min(1), input: z.record(z.string(), z.unknown()) });
const thinkingBlock = z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() });
const redactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });

const KNOWN_BLOCKS = ['text', 'image', 'document', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking'] as const;
const contentBlock = z.union([
  textBlock,
  imageBlock,
  documentBlock,
  toolUseBlock,
  toolResultBlock,
  thinkingBlock,
  redactedThinkingBlock,
  otherType(KNOWN_BLOCKS),
]);

const messageParam = z.union([
  z.looseObject({ role: z.enum(['user', 'assistant']), content: z.union([z.string(), z.array(contentBlock)]) }),
  // Claude Code sends system turns inside `messages` (beta mid-conversation-system-2026-04-07).
  z.looseObject({ role: z.literal('system'), content: z.union([z.string(), z.array(textBlock)]) }),
]);

const customTool = z.looseObject({
  type: z.literal('custom').nullish(),
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.looseObject({ type: z.literal('object') }),
  strict: z.boolean().nullish(),
});
/** Anthropic-defined tools (`bash_20250124`, `web_search_20250305`, …) carry a versioned `type`. */
const definedTool = otherType(['custom']);

const disableParallel = { disable_parallel_tool_use: z.boolean().optional() };
const toolChoice = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), ...disableParallel }),
  z.looseObject({ type: z.literal('any'), ...disableParallel }),
  z.looseObject({ type: z.literal('tool'), name: z.string().min(1), ...disableParallel }),
  z.looseObject({ type: z.literal('none') }),
]);

const thinking = z.union([
  z.looseObject({ type: z.literal('enabled'), budget_tokens: z.number().int().nonnegative() }),
  z.looseObject({ type: z.literal('disabled') }),
  z.looseObject({ type: z.literal('adaptive') }),
  otherType(['enabled', 'disabled', 'adaptive']),
]);

const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;

export const messagesRequestSchema = z.looseObject({
  model: modelNameSchema,
  max_tokens: z.number().int().nonnegative(),
  messages: z.array(messageParam).min(1, 'messages must contain at least one message'),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().nonnegative().optional(),
  tools: z.array(z.union([customTool, definedTool])).optional(),
  tool_choice: toolChoice.optional(),
  thinking: thinking.optional(),
  output_config: z
    .looseObject({
      effort: z.enum(EFFORTS).nullish(),
      format: z.looseObject({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) }).nullish(),
    })
    .optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
  stream: z.boolean().optional(),
});

export type MessagesRequest = z.infer<typeof messagesRequestSchema>;
export type MessageParam = MessagesRequest['messages'][number];
export type ContentBlock = z.infer<typeof contentBlock>;
export type TextBlock = z.infer<typeof textBlock>;
export type ImageBlock = z.infer<typeof imageBlock>;
export type DocumentBlock = z.infer<typeof documentBlock>;
export type ToolResultBlock = z.infer<typeof toolResultBlock>;
export type MessagesThinking = NonNullable<MessagesRequest['thinking']>;
