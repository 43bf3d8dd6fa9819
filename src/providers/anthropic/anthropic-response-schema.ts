/**
 * Loose schemas for what Anthropic sends back: the `Message` body, the SSE stream events and the
 * error body (https://docs.claude.com/en/api/messages, .../messages-streaming, .../errors).
 * Unknown block, delta and event types are kept as `{type}` so new server features never break
 * parsing; the converters ignore what they do not understand.
 */
import { z } from 'zod';

const tokenCount = z.number().int().nonnegative().nullish().catch(null);

export const anthropicUsageSchema = z.looseObject({
  input_tokens: tokenCount,
  output_tokens: tokenCount,
  cache_creation_input_tokens: tokenCount,
  cache_read_input_tokens: tokenCount,
  output_tokens_details: z.looseObject({ thinking_tokens: tokenCount }).nullish().catch(null),
});
export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;

/**
 * Content blocks, normalised to a tagged union (`kind`) so converters can switch on it:
 * server_tool_use, *_tool_result, mcp blocks… were executed by Anthropic, not by the client → other.
 */
export const anthropicContentBlockSchema = z.union([
  z.looseObject({ type: z.literal('text'), text: z.string() }).transform((block) => ({ kind: 'text' as const, text: block.text })),
  z
    .looseObject({ type: z.literal('thinking'), thinking: z.string().catch(''), signature: z.string().nullish() })
    .transform((block) => ({ kind: 'thinking' as const, thinking: block.thinking, signature: block.signature ?? null })),
  z
    .looseObject({ type: z.literal('redacted_thinking'), data: z.string() })
    .transform((block) => ({ kind: 'redacted_thinking' as const, data: block.data })),
  z
    .looseObject({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.unknown().optional() })
    .transform((block) => ({ kind: 'tool_use' as const, id: block.id, name: block.name, input: block.input })),
  z.looseObject({ type: z.string() }).transform((block) => ({ kind: 'other' as const, type: block.type })),
]);
export type AnthropicContentBlock = z.infer<typeof anthropicContentBlockSchema>;

const stopDetailsSchema = z.looseObject({ explanation: z.string().nullish() }).nullish().catch(null);

export const anthropicMessageSchema = z.looseObject({
  id: z.string().nullish(),
  type: z.literal('message').optional(),
  model: z.string().nullish(),
  content: z.array(anthropicContentBlockSchema),
  stop_reason: z.string().nullish(),
  stop_sequence: z.string().nullish(),
  stop_details: stopDetailsSchema,
  usage: anthropicUsageSchema.nullish(),
});
export type AnthropicMessageResponse = z.infer<typeof anthropicMessageSchema>;

export const anthropicErrorBodySchema = z.looseObject({
  type: z.literal('error').optional(),
  error: z.looseObject({ type: z.string().catch('api_error'), message: z.string().catch('') }),
  request_id: z.string().nullish(),
});

const index = z.number().int().nonnegative();

const deltaSchema = z.union([
  z.looseObject({ type: z.literal('text_delta'), text: z.string() }).transform((delta) => ({ kind: 'text' as const, text: delta.text })),
  z
    .looseObject({ type: z.literal('input_json_delta'), partial_json: z.string() })
    .transform((delta) => ({ kind: 'input_json' as const, json: delta.partial_json })),
  z
    .looseObject({ type: z.literal('thinking_delta'), thinking: z.string() })
    .transform((delta) => ({ kind: 'thinking' as const, thinking: delta.thinking })),
  z
    .looseObject({ type: z.literal('signature_delta'), signature: z.string() })
    .transform((delta) => ({ kind: 'signature' as const, signature: delta.signature })),
  // citations_delta and future delta types
  z.looseObject({ type: z.string() }).transform((delta) => ({ kind: 'other' as const, type: delta.type })),
]);

export const anthropicStreamEventSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('message_start'),
    message: z.looseObject({ id: z.string().nullish(), model: z.string().nullish(), usage: anthropicUsageSchema.nullish() }),
  }),
  z.looseObject({ type: z.literal('content_block_start'), index, content_block: anthropicContentBlockSchema }),
  z.looseObject({ type: z.literal('content_block_delta'), index, delta: deltaSchema }),
  z.looseObject({ type: z.literal('content_block_stop'), index }),
  z.looseObject({
    type: z.literal('message_delta'),
    delta: z.looseObject({ stop_reason: z.string().nullish(), stop_details: stopDetailsSchema }).catch({}),
    usage: anthropicUsageSchema.nullish(),
  }),
  z.looseObject({ type: z.literal('message_stop') }),
  z.looseObject({ type: z.literal('ping') }),
  z.looseObject({
    type: z.literal('error'),
    error: z.looseObject({ type: z.string().catch('api_error'), message: z.string().catch('') }),
  }),
]);
export type AnthropicStreamEvent = z.infer<typeof anthropicStreamEventSchema>;

/** Event types this adapter knows; anything else (future events) is skipped. */
export const KNOWN_STREAM_EVENTS: ReadonlySet<string> = new Set([
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
  'ping',
  'error',
]);
