import { chatRequestSchema, type ChatRequest } from './chat-request.js';
import { describeIssue } from './describe-issue.js';
import { invalidJson, invalidRequest, type GatewayError } from './errors.js';
import { isSimpleChatRequest } from './simple-chat-request.js';

export type ParseResult = { ok: true; request: ChatRequest } | { ok: false; error: GatewayError };

/** Validates an already JSON-decoded body against the inbound schema; the first issue names `param`. */
export function parseChatRequest(body: unknown): ParseResult {
  if (body === undefined) return { ok: false, error: invalidJson('the body is empty') };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: invalidRequest('The request body must be a JSON object.') };
  }
  // Most bodies are plain chats the compiled check accepts as they are (simple-chat-request.ts).
  if (isSimpleChatRequest(body)) return { ok: true, request: body };
  const result = chatRequestSchema.safeParse(body);
  if (result.success) return { ok: true, request: result.data };
  return { ok: false, error: describeIssue(result.error.issues) };
}
