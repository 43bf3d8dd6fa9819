/**
 * Validates a Messages API body: the first zod issue becomes a 400 naming its path (`param`), as
 * Anthropic's own `invalid_request_error` messages do ("messages.0.content.1.text: Field required").
 */
import type { z } from 'zod';
import { invalidJson, invalidRequest, type GatewayError } from '../../core/errors.js';
import { messagesRequestSchema, type MessagesRequest } from './messages-request-schema.js';

export type Parsed<Request> = { ok: true; raw: Readonly<Record<string, unknown>>; request: Request } | { ok: false; error: GatewayError };

export const parseMessagesRequest = (body: unknown): Parsed<MessagesRequest> => parseWith(messagesRequestSchema, body);

/** Validates a body with one of the door's schemas (the Messages body, the count_tokens body). */
export function parseWith<Request>(schema: z.ZodType<Request>, body: unknown): Parsed<Request> {
  if (body === undefined) return { ok: false, error: invalidJson('the body is empty') };
  if (!isRecord(body)) return { ok: false, error: invalidRequest('The request body must be a JSON object.') };
  const result = schema.safeParse(body);
  if (!result.success) return { ok: false, error: describeIssue(result.error.issues) };
  return { ok: true, raw: body, request: result.data };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeIssue(issues: readonly z.core.$ZodIssue[]): GatewayError {
  const issue = deepestIssue(issues);
  const param = issue.path.length === 0 ? null : issue.path.map(String).join('.');
  return invalidRequest(param === null ? issue.message : `${param}: ${issue.message}`, param);
}

/**
 * Union failures nest the real cause. Blocks, sources and tools are unions keyed by `type`: the
 * branches whose `type` did not match are skipped, so a malformed text block is reported by the text
 * branch ("messages.0.content.1.text"), not as "expected image". Then the deepest path wins.
 */
function deepestIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  let best = issues[0];
  if (best === undefined) throw new Error('zod reported failure without issues');
  for (const issue of issues) {
    const candidate = issue.code === 'invalid_union' ? nested(issue, issue.errors) : issue;
    if (candidate.path.length > best.path.length) best = candidate;
  }
  return best;
}

function nested(issue: z.core.$ZodIssue, branches: readonly (readonly z.core.$ZodIssue[])[]): z.core.$ZodIssue {
  const failed = branches.filter((branch) => branch.length > 0);
  const matching = failed.filter((branch) => !branch.some((inner) => inner.path.length === 1 && inner.path[0] === 'type'));
  let best: z.core.$ZodIssue = issue;
  for (const branch of matching.length > 0 ? matching : failed) {
    const inner = deepestIssue(branch);
    const candidate = { ...inner, path: [...issue.path, ...inner.path] };
    if (candidate.path.length > best.path.length) best = candidate;
  }
  return best;
}
