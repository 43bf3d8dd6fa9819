/**
 * `POST /v1/messages/count_tokens` (https://docs.claude.com/en/api/messages-count-tokens): the body
 * of a Messages request without `max_tokens`, answered with `{input_tokens}`. A Claude deployment
 * counts natively (build-native-request.ts); for any other model the gateway answers with its own
 * estimate — about four characters a token over the translated prompt and tools
 * (src/chat/estimate-tokens.ts) — since OpenAI-format providers have no counting endpoint.
 */
import { z } from 'zod';
import { estimateTokens } from '../../chat/estimate-tokens.js';
import { messagesRequestSchema, type MessagesRequest } from './messages-request-schema.js';
import { parseWith, type Parsed } from './parse-messages-request.js';
import { translateMessagesRequest } from './translate-messages-request.js';

const countTokensSchema = messagesRequestSchema.extend({ max_tokens: z.number().int().nonnegative().optional() });
export type CountTokensRequest = z.infer<typeof countTokensSchema>;

export const parseCountTokensRequest = (body: unknown): Parsed<CountTokensRequest> => parseWith(countTokensSchema, body);

export function estimateInputTokens(request: CountTokensRequest, raw: Readonly<Record<string, unknown>>): number {
  const complete: MessagesRequest = { ...request, max_tokens: request.max_tokens ?? 1, stream: false };
  return estimateTokens(translateMessagesRequest(complete, raw).request).prompt;
}
