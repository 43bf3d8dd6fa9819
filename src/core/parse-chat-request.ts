import type { z } from 'zod';
import { chatRequestSchema, type ChatRequest } from './chat-request.js';
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

function describeIssue(issues: z.core.$ZodIssue[]): GatewayError {
  const issue = deepestIssue(issues);
  const param = formatPath(issue.path);
  const message = param === null ? issue.message : `Invalid value for '${param}': ${issue.message}`;
  return invalidRequest(message, param);
}

/** Union errors nest the real cause; pick the most specific one so `param` points at the bad field. */
function deepestIssue(issues: z.core.$ZodIssue[]): z.core.$ZodIssue {
  let best = issues[0];
  if (best === undefined) throw new Error('zod reported failure without issues');
  for (const issue of issues) {
    if (issue.code === 'invalid_union') {
      for (const branch of issue.errors) {
        if (branch.length === 0) continue;
        const inner = deepestIssue(branch);
        const candidate = { ...inner, path: [...issue.path, ...inner.path] };
        if (candidate.path.length > best.path.length) best = candidate;
      }
    } else if (issue.path.length > best.path.length) {
      best = issue;
    }
  }
  return best;
}

function formatPath(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}
