/**
 * Validates a Messages API body: the first zod issue becomes a 400 naming its path (`param`), as
 * Anthropic's own `invalid_request_error` messages do ("messages.0.content.1.text: Field required").
 */
import type { z } from 'zod';
import { invalidJson, invalidRequest, type GatewayError } from '../../core/errors.js';
import { messagesRequestSchema, type MessagesRequest } from './messages-request-schema.js';
import { describeIssue } from '../../core/describe-issue.js';
import { isSimpleMessagesRequest } from './simple-messages-request.js';

export type Parsed<Request> = { ok: true; raw: Readonly<Record<string, unknown>>; request: Request } | { ok: false; error: GatewayError };

/** Plain text conversations take the compiled check (simple-messages-request.ts); the rest the schema. */
export const parseMessagesRequest = (body: unknown): Parsed<MessagesRequest> =>
  isSimpleMessagesRequest(body) ? { ok: true, raw: body as Record<string, unknown>, request: body } : parseWith(messagesRequestSchema, body);

/** Validates a body with one of the door's schemas (the Messages body, the count_tokens body). */
export function parseWith<Request>(schema: z.ZodType<Request>, body: unknown): Parsed<Request> {
  if (body === undefined) return { ok: false, error: invalidJson('the body is empty') };
  if (!isRecord(body)) return { ok: false, error: invalidRequest('The request body must be a JSON object.') };
  const result = schema.safeParse(body);
  if (!result.success) return { ok: false, error: describeIssue(result.error.issues, anthropicStyle) };
  return { ok: true, raw: body, request: result.data };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Anthropic names fields with dots (`messages.0.content.1.text`) and puts the name first. */
const anthropicStyle = {
  format: (path: ReadonlyArray<PropertyKey>): string | null => (path.length === 0 ? null : path.map(String).join('.')),
  message: (param: string, detail: string): string => `${param}: ${detail}`,
};
