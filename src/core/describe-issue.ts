/**
 * A zod failure → a 400 whose `param` names the offending field, for every request schema (the chat
 * request, the doors, embeddings). Union failures nest the real cause: the most specific issue wins,
 * and among the branches of a union keyed by `type`, those whose `type` did not match are passed over
 * (a malformed text block is reported by the text branch, not as "expected image").
 */
import type { z } from 'zod';
import { invalidRequest, type GatewayError } from './errors.js';

type Path = ReadonlyArray<PropertyKey>;

/** OpenAI's way of naming a field: `messages[0].content[1].image_url.url`. */
export function formatParam(path: Path): string | null {
  if (path.length === 0) return null;
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

export interface IssueStyle {
  /** Where the validated value sits in the body. */
  prefix?: Path;
  /** How a path is written (OpenAI's brackets by default). */
  format?: (path: Path) => string | null;
  /** How the message names the field (OpenAI's "Invalid value for 'x': …" by default). */
  message?: (param: string, detail: string) => string;
}

export function describeIssue(issues: readonly z.core.$ZodIssue[], style: IssueStyle = {}): GatewayError {
  const issue = deepestIssue(issues);
  if (issue === undefined) return invalidRequest('The request body is not valid.', (style.format ?? formatParam)(style.prefix ?? []));
  const param = (style.format ?? formatParam)([...(style.prefix ?? []), ...issue.path]);
  const message = param === null ? issue.message : (style.message ?? openAIMessage)(param, issue.message);
  return invalidRequest(message, param);
}

const openAIMessage = (param: string, detail: string): string => `Invalid value for '${param}': ${detail}`;

export function deepestIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue | undefined {
  let best = issues[0];
  for (const issue of issues) {
    const candidate = issue.code === 'invalid_union' ? nested(issue, issue.errors) : issue;
    if (best === undefined || candidate.path.length > best.path.length) best = candidate;
  }
  return best;
}

function nested(issue: z.core.$ZodIssue, branches: readonly (readonly z.core.$ZodIssue[])[]): z.core.$ZodIssue {
  const failed = branches.filter((branch) => branch.length > 0);
  const matching = failed.filter((branch) => !branch.some((inner) => inner.path.length === 1 && inner.path[0] === 'type'));
  let best: z.core.$ZodIssue = issue;
  for (const branch of matching.length > 0 ? matching : failed) {
    const inner = deepestIssue(branch);
    if (inner === undefined) continue;
    const candidate = { ...inner, path: [...issue.path, ...inner.path] };
    if (candidate.path.length > best.path.length) best = candidate;
  }
  return best;
}
